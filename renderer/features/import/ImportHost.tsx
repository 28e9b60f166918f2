import { useEffect } from 'react';
import { useApp } from '../../app/context';
import { ImportDialog } from './ImportDialog';

/** The import dialog wherever the app is: opened by File › Import… (desktop), the grid's Import… button or a file dropped on the grid. */
export function ImportHost() {
  const api = useApp((s) => s.api);
  const source = useApp((s) => s.importSource);
  const seq = useApp((s) => s.importSeq);
  const openImport = useApp((s) => s.openImport);
  const closeImport = useApp((s) => s.closeImport);
  useEffect(() => api.on('import:requested', ({ path }) => openImport({ kind: 'path', path })), [api, openImport]);
  if (!source) return null;
  // A new source (another file dropped) starts a new dialog.
  return <ImportDialog key={seq} source={source} onClose={closeImport} />;
}
