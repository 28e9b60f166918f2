import { parseDay } from '../../preload/contract';
import { userLocale } from '../app/locale';

/**
 * The calendar beside a typed date (grid editor, detail panel): a native date input shown as
 * its calendar button only. Picking a day writes it into the text as YYYY-MM-DD; the text
 * stays the place to type (ISO or the locale's order).
 */
export function DayPicker(props: { text: string; label: string; onPick: (iso: string) => void }) {
  const r = parseDay(props.text, userLocale());
  return (
    <input
      type="date"
      className="day-picker"
      aria-label={props.label}
      title={props.label}
      tabIndex={-1}
      value={r.ok ? r.value : ''}
      onClick={(e) => {
        // The whole button opens the calendar, not only its icon (Chromium; elsewhere the icon does).
        try {
          e.currentTarget.showPicker();
        } catch {
          // showPicker is refused without a user gesture or where unsupported: the icon still works.
        }
      }}
      onChange={(e) => e.target.value && props.onPick(e.target.value)}
    />
  );
}
