/** The print route: `/?print=pack&scope=…&meeting=…&snapshot=…&asOf=…` shows only the pack pages. */
export interface PrintParams {
  scopeId: string | null;
  meetingId: string | null;
  snapshotId: string | null;
  asOf: string | null;
}

export function printParams(search: string = window.location.search): PrintParams | null {
  const q = new URLSearchParams(search);
  if (q.get('print') !== 'pack') return null;
  return { scopeId: q.get('scope'), meetingId: q.get('meeting'), snapshotId: q.get('snapshot'), asOf: q.get('asOf') };
}

export function printQuery(p: Partial<PrintParams>): string {
  const q = new URLSearchParams({ print: 'pack' });
  if (p.scopeId) q.set('scope', p.scopeId);
  if (p.meetingId) q.set('meeting', p.meetingId);
  if (p.snapshotId) q.set('snapshot', p.snapshotId);
  if (p.asOf) q.set('asOf', p.asOf);
  return `?${q.toString()}`;
}
