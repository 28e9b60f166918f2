import { useState, type DragEvent } from 'react';
import { useApp } from '../../app/context';
import { fileSource } from './slice';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Dropping a workbook or CSV onto the grid opens the import with it (its preview first; nothing is written until Apply). */
export function useImportDrop(): { dropping: boolean; handlers: { onDragOver: (e: DragEvent) => void; onDragLeave: (e: DragEvent) => void; onDrop: (e: DragEvent) => void } } {
  const openImport = useApp((s) => s.openImport);
  const notify = useApp((s) => s.notify);
  const [dropping, setDropping] = useState(false);
  return {
    dropping,
    handlers: {
      onDragOver: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      },
      onDragLeave: (e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      },
      onDrop: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length !== 1) {
          notify('error', `Drop one file to import (${files.length} were dropped).`);
          return;
        }
        void fileSource(files[0]!).then(openImport, (err: unknown) => notify('error', `Could not read ${files[0]!.name}: ${String(err)}`));
      },
    },
  };
}
