import { create } from 'zustand';
import { isFinished, reverseResultOf } from '../../../../../electron/model/job';
import type { ReversedPlayback } from '../../../../../electron/model/reverse';
import { call } from '../../../api/client';
import { useStore } from '../../../store';

/**
 * Which assets' reversed copies are there to play (model/reverse.ts). The preview asks once per asset with
 * `reverse.start` (which also remakes a copy the cache lost) and draws a reversed clip only once its copy is ready,
 * never the wrong way round and never a request for a file that is not there yet: from the copy's preview proxy
 * when the job made one, else from the full-size copy.
 */
type ReversedCopies = {
  /** What each asset's reversed clips play from: the copy's preview proxy, or the full-size copy. */
  ready: Record<string, ReversedPlayback>;
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
    const ready = (plays: ReversedPlayback) => set((s) => ({ ready: { ...s.ready, [assetId]: plays } }));
    const forget = () => set((s) => ({ asked: Object.fromEntries(Object.entries(s.asked).filter(([k]) => k !== assetId)) }));
    call('reverse.start', { assetId }).then(
      ({ jobId, plays }) => {
        // A copy made before previews had proxies plays at full size while the job makes its proxy.
        if (plays) ready(plays);
        if (jobId === null) return;
        set((s) => ({ jobs: { ...s.jobs, [assetId]: jobId } }));
        const stop = useStore.subscribe((s) => {
          const job = s.jobs[jobId];
          if (!job || !isFinished(job.status)) return;
          stop();
          const result = reverseResultOf(job);
          if (job.status === 'done') ready(result?.previewProxy ? 'proxy' : 'copy');
          else if (!plays) forget();
        });
      },
      // Refused or failed to ask (the inspector shows why when Reverse is turned on): ask again next time.
      forget,
    );
  },
}));
