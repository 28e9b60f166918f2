import type { Pack } from '../../../preload/contract';

/** The document title a printed pack carries (the PDF's Title): "<workspace> – steering pack – <meeting> – <date>". */
export function packTitle(pack: Pack): string {
  return `${pack.meta.workspaceName} – steering pack – ${pack.meta.meetingTitle} – ${pack.meta.date}`;
}

/** The print route: `/?print=pack&scope=…&meeting=…&snapshot=…&asOf=…` shows only the pack pages. */
export interface PrintParams {
  scopeId: string | null;
  meetingId: string | null;
  snapshotId: string | null;
  asOf: string | null;
  /** The locale its dates and money are written in (the CLI's --locale); else the browser's. */
  locale: string | null;
  /** The pack is handed over by the shell (desktop printToPDF) instead of loaded. */
  inject: boolean;
}

export function printParams(search: string = window.location.search): PrintParams | null {
  const q = new URLSearchParams(search);
  if (q.get('print') !== 'pack') return null;
  return { scopeId: q.get('scope'), meetingId: q.get('meeting'), snapshotId: q.get('snapshot'), asOf: q.get('asOf'), locale: q.get('locale'), inject: q.get('inject') === '1' };
}
