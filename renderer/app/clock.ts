/**
 * The renderer's clock: "today" is the main process's (its one clock honours
 * STEERCO_TODAY), given with app:info and updated by the `clock:day` event when the
 * day changes while the app is open. Until the first app:info arrives it is this
 * browser's local day. Nothing else in the renderer calls Date.now() or new Date().
 */
let day: string | null = null;

function browserDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today, the user's local calendar day as the app's clock says, YYYY-MM-DD. */
export function today(): string {
  return day ?? browserDay();
}

/** Called with the main process's day (app:info, clock:day). */
export function setToday(next: string): void {
  day = next;
}
