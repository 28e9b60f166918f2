import type { Slice } from '../../app/store';

/** What the import dialog starts from: a path (typed, picked, File › Import…), a file dropped or chosen in the page, or nothing yet. */
export type ImportSource = { kind: 'path'; path: string } | { kind: 'file'; name: string; base64: string } | { kind: 'choose' };

export interface ImportSlice {
  importSource: ImportSource | null;
  /** Counts openings: each one starts a fresh dialog (the same file dropped twice too). */
  importSeq: number;
  openImport(source: ImportSource): void;
  closeImport(): void;
}

export const createImportSlice: Slice<ImportSlice> = (set) => ({
  importSource: null,
  importSeq: 0,
  openImport: (source) => set((s) => ({ importSource: source, importSeq: s.importSeq + 1 })),
  closeImport: () => set({ importSource: null }),
});

/** A dropped or chosen file as the import sends it (its bytes, base64). */
export async function fileSource(file: File): Promise<ImportSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { kind: 'file', name: file.name, base64: btoa(binary) };
}
