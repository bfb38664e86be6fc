import { create } from 'zustand';
import { isFinished } from '../../../../../electron/model/job';
import { call } from '../../../api/client';
import { useStore } from '../../../store';

/**
 * Which assets' reversed copies are there to play (model/reverse.ts). The preview asks once per asset with
 * `reverse.start` (which also remakes a copy the cache lost) and draws a reversed clip only once its copy is ready,
 * never the wrong way round and never a request for a file that is not there yet.
 */
type ReversedCopies = {
  ready: Record<string, true>;
  asked: Record<string, true>;
  /** The job making each asset's copy, for the preview's "Reversing… 42%" card (ReversingCard.tsx). */
  jobs: Record<string, string>;
  ensure: (assetId: string) => void;
};

export const useReversedCopies = create<ReversedCopies>((set, get) => ({
  ready: {},
  asked: {},
  jobs: {},
  ensure(assetId) {
    if (get().asked[assetId]) return;
    set((s) => ({ asked: { ...s.asked, [assetId]: true } }));
    const ready = () => set((s) => ({ ready: { ...s.ready, [assetId]: true } }));
    const forget = () => set((s) => ({ asked: Object.fromEntries(Object.entries(s.asked).filter(([k]) => k !== assetId)) }));
    call('reverse.start', { assetId }).then(
      ({ jobId }) => {
        if (jobId === null) return ready();
        set((s) => ({ jobs: { ...s.jobs, [assetId]: jobId } }));
        const stop = useStore.subscribe((s) => {
          const job = s.jobs[jobId];
          if (!job || !isFinished(job.status)) return;
          stop();
          if (job.status === 'done') ready();
          else forget();
        });
      },
      // Refused or failed to ask (the inspector shows why when Reverse is turned on): ask again next time.
      forget,
    );
  },
}));
