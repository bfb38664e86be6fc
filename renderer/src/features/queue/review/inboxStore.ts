import { create } from 'zustand';
import type { Notice } from '../../../../../electron/model/review-notify';

/**
 * The review inbox of this window (docs/review.md): the notices computed from the posts (ReviewNotices keeps
 * them current), which decisions were opened (remembered per browser), whether to notify through the OS, and
 * a post the Queue should open (from a toast or an OS notification).
 */
const DISMISSED_KEY = 'postframe.review.dismissed';
const NOTIFY_KEY = 'postframe.review.notify';
const KEEP = 300;

function readList(key: string): string[] {
  try {
    const v = JSON.parse(window.localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode: remembered for this session only.
  }
}

export type ReviewOpen = { postId: string; review: boolean };

type InboxState = {
  notices: Notice[];
  dismissed: ReadonlySet<string>;
  notifyMe: boolean;
  open: ReviewOpen | null;
  setNotices: (n: Notice[]) => void;
  dismiss: (key: string) => void;
  setNotifyMe: (on: boolean) => void;
  request: (o: ReviewOpen) => void;
  take: () => ReviewOpen | null;
};

export const useReviewInbox = create<InboxState>()((set, get) => ({
  notices: [],
  dismissed: new Set(readList(DISMISSED_KEY)),
  notifyMe: readList(NOTIFY_KEY).includes('on'),
  open: null,
  setNotices: (notices) => set({ notices }),
  dismiss: (key) => {
    const list = [...get().dismissed, key].slice(-KEEP);
    write(DISMISSED_KEY, list);
    set({ dismissed: new Set(list), notices: get().notices.filter((n) => n.key !== key) });
  },
  setNotifyMe: (on) => {
    write(NOTIFY_KEY, on ? ['on'] : []);
    set({ notifyMe: on });
  },
  request: (open) => set({ open }),
  take: () => {
    const o = get().open;
    if (o) set({ open: null });
    return o;
  },
}));
