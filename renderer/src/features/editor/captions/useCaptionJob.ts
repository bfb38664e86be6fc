import { useState } from 'react';
import { isFinished, type Job } from '../../../../../electron/model/job';
import { errorText } from '../../../api/client';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';

export type CaptionJob = {
  job: Job | undefined;
  /** Starting or running: the dialog shows progress and Cancel. */
  running: boolean;
  /** A refusal of the start call (the engine's message as it is), or null. */
  error: string | null;
  start: (begin: () => Promise<{ jobId: string }>) => Promise<void>;
  cancel: () => void;
  reset: () => void;
};

/**
 * One caption job of a dialog: saves the draft first (the engine reads the saved draft's recording), starts the
 * job, then follows it through the jobs the store already receives (progress, result, error).
 */
export function useCaptionJob(): CaptionJob {
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  return {
    job,
    running: starting || (jobId !== null && (!job || !isFinished(job.status))),
    error,
    start: async (begin) => {
      setError(null);
      setJobId(null);
      setStarting(true);
      try {
        await useEditor.getState().flush();
        setJobId((await begin()).jobId);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setStarting(false);
      }
    },
    cancel: () => {
      if (jobId) void useStore.getState().cancelJob(jobId);
    },
    reset: () => {
      setJobId(null);
      setError(null);
    },
  };
}
