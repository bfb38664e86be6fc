import type { Fps } from '../../../../electron/model/draft';
import type { RecordingKind, VoiceoverTarget } from '../../../../electron/model/recording';
import { ChunkUploader, type UploadStatus } from '../../api/chunkUploader';
import { ApiError, call } from '../../api/client';
import { sendRecordingChunk } from '../../api/recordingChunks';
import { t } from '../../i18n';
import { pickMimeType, videoBitrate } from './captureLogic';

/** MediaRecorder hands over a chunk about this often; a crash loses at most the chunk being recorded. */
export const TIMESLICE_MS = 1000;

export type TakeOptions = {
  kind: RecordingKind;
  fps: Fps;
  name: string;
  voiceover?: VoiceoverTarget | null;
  onUpload?: (s: UploadStatus) => void;
};

/**
 * One take: a MediaRecorder on a stream whose chunks stream to the engine as they come (ChunkUploader), so the
 * take grows in the library's recordings/ folder while it is recorded. `stop()` waits for every chunk to be
 * in, then asks the engine to finalize and import it, and returns that job's id.
 */
export class TakeRecorder {
  private readonly uploader: ChunkUploader;
  private startedAt: number | null = null;
  private pausedAt: number | null = null;
  private pausedMs = 0;
  private stoppedAt: number | null = null;
  private stopping: Promise<string> | null = null;
  /** Resolves when the recorder has really started (the moment a voiceover's playback must start too). */
  readonly started: Promise<void>;

  private constructor(
    readonly id: string,
    readonly name: string,
    private readonly rec: MediaRecorder,
    onUpload: ((s: UploadStatus) => void) | undefined,
  ) {
    this.uploader = new ChunkUploader((seq, data) => sendRecordingChunk(id, seq, data), { onStatus: onUpload });
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) this.uploader.push(e.data);
    };
    this.started = new Promise((resolve) => {
      rec.onstart = () => {
        this.startedAt = performance.now();
        resolve();
      };
    });
  }

  static async start(stream: MediaStream, o: TakeOptions): Promise<TakeRecorder> {
    if (typeof MediaRecorder === 'undefined') throw new ApiError('invalid_input', t('capture.error.unsupported'));
    const video = stream.getVideoTracks()[0];
    const mimeType = pickMimeType(!video, (type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) throw new ApiError('invalid_input', t('capture.error.unsupported'));
    const { id, name } = await call('recordings.start', { kind: o.kind, mimeType, fps: o.fps, timesliceMs: TIMESLICE_MS, name: o.name, voiceover: o.voiceover ?? null });
    const height = video?.getSettings().height ?? 720;
    const rec = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 128_000, ...(video ? { videoBitsPerSecond: videoBitrate(height, o.fps) } : {}) });
    const take = new TakeRecorder(id, name, rec, o.onUpload);
    rec.start(TIMESLICE_MS);
    return take;
  }

  get state(): RecordingState {
    return this.rec.state;
  }

  /** Recorded time so far, pauses excluded. */
  elapsedMs(now = performance.now()): number {
    if (this.startedAt === null) return 0;
    const until = this.stoppedAt ?? this.pausedAt ?? now;
    return Math.max(0, until - this.startedAt - this.pausedMs);
  }

  pause(): void {
    if (this.rec.state !== 'recording') return;
    this.rec.pause();
    this.pausedAt = performance.now();
  }

  resume(): void {
    if (this.rec.state !== 'paused') return;
    this.rec.resume();
    if (this.pausedAt !== null) this.pausedMs += performance.now() - this.pausedAt;
    this.pausedAt = null;
  }

  get uploadStatus(): UploadStatus {
    return this.uploader.status;
  }

  /** Stops recording, waits until the engine has every chunk, and starts saving: resolves with the job id. */
  stop(): Promise<string> {
    this.stopping ??= (async () => {
      const durationMs = this.elapsedMs();
      this.stoppedAt ??= this.pausedAt ?? performance.now();
      if (this.rec.state !== 'inactive') {
        // The last chunk arrives (dataavailable) before 'stop'.
        await new Promise<void>((resolve) => {
          this.rec.addEventListener('stop', () => resolve(), { once: true });
          this.rec.stop();
        });
      }
      await this.uploader.drain();
      const { jobId } = await call('recordings.stop', { id: this.id, chunks: this.uploader.count, durationMs: Math.round(durationMs) });
      return jobId;
    })();
    return this.stopping;
  }

  /** Stops without saving (the page is going away): what reached the engine stays there for recovery. */
  abandon(): void {
    if (this.rec.state !== 'inactive') this.rec.stop();
    this.uploader.dispose();
  }
}
