import type { Slice } from '../../app/store';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  details?: string[];
}

export interface NoticeSlice {
  notices: Notice[];
  notify(kind: Notice['kind'], text: string, details?: string[]): void;
  dismiss(id: number): void;
  /** Forgets every notice (another workspace opened: its messages are not about this one). */
  clearNotices(): void;
}

let nextId = 1;

export const createNoticeSlice: Slice<NoticeSlice> = (set) => ({
  notices: [],
  notify: (kind, text, details) => {
    const id = nextId++;
    // One at a time: the newest replaces the last, so messages never pile up over the work.
    set({ notices: [{ id, kind, text, details }] });
    if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), 4000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clearNotices: () => set({ notices: [] }),
});
