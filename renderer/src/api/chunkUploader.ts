import type { ChunkAck } from '../../../electron/model/recording';

/** Sends chunk `seq`; resolves with the engine's answer, throws `FatalChunkError` when retrying cannot help. */
export type SendChunk = (seq: number, data: Blob) => Promise<ChunkAck>;

/** The engine refused the take itself (gone, already stopped, invalid): stop sending, tell the user. */
export class FatalChunkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalChunkError';
  }
}

export type UploadStatus = {
  /** Chunks recorded but not yet confirmed by the engine. */
  pending: number;
  /** The last attempt failed and a retry is waiting (engine unreachable). */
  retrying: boolean;
  /** Set when the take can no longer be saved; nothing more is sent. */
  fatal: string | null;
};

/** Back-off between attempts while the engine is unreachable: quick at first, then every few seconds. */
export const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * Sends a take's chunks to the engine strictly in order, one at a time, and keeps each until the engine has
 * confirmed it. A failure (host restarting, connection lost) is retried with back-off for as long as it lasts,
 * so a short outage loses nothing; a retried chunk the engine already had is answered as a duplicate; when the
 * engine says an earlier chunk is missing it resends from there. Chunks are numbered here, in recording order.
 */
export class ChunkUploader {
  private readonly held = new Map<number, Blob>();
  private nextSeq = 0;
  /** The lowest sequence number the engine has not confirmed. */
  private confirmed = 0;
  private running = false;
  private retrying = false;
  private fatal: string | null = null;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private disposed = false;

  constructor(
    private readonly send: SendChunk,
    private readonly o: { onStatus?: (s: UploadStatus) => void; sleep?: (ms: number) => Promise<void>; delays?: number[] } = {},
  ) {}

  /** How many chunks were recorded (the count `recordings.stop` is told). */
  get count(): number {
    return this.nextSeq;
  }

  get status(): UploadStatus {
    return { pending: this.nextSeq - this.confirmed, retrying: this.retrying, fatal: this.fatal };
  }

  push(data: Blob): void {
    if (this.fatal || this.disposed) return;
    this.held.set(this.nextSeq++, data);
    this.report();
    void this.pump();
  }

  /** Resolves once every chunk pushed so far is confirmed; rejects if the take cannot be saved. */
  drain(): Promise<void> {
    if (this.fatal) return Promise.reject(new FatalChunkError(this.fatal));
    if (this.confirmed >= this.nextSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Stops sending (the take was discarded or the page is going away). */
  dispose(): void {
    this.disposed = true;
    this.held.clear();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let attempt = 0;
    try {
      while (!this.disposed && !this.fatal && this.confirmed < this.nextSeq) {
        const seq = this.confirmed;
        const data = this.held.get(seq);
        if (!data) {
          this.fail('A part of this take was lost before it reached Postframe. Stop and record again.');
          break;
        }
        let ack: ChunkAck;
        try {
          ack = await this.send(seq, data);
        } catch (e) {
          if (e instanceof FatalChunkError) {
            this.fail(e.message);
            break;
          }
          this.retrying = true;
          this.report();
          const delays = this.o.delays ?? RETRY_DELAYS_MS;
          await (this.o.sleep ?? sleep)(delays[Math.min(attempt++, delays.length - 1)]!);
          continue;
        }
        attempt = 0;
        this.retrying = false;
        if (ack.status === 'gap') {
          // The engine has fewer chunks than we thought (it restarted from an older manifest): resend from there.
          if (ack.expected > seq || !this.held.has(ack.expected)) {
            this.fail('Postframe lost part of this take while it was being saved. Stop and record again.');
            break;
          }
          this.confirmed = ack.expected;
        } else {
          this.confirm(ack.nextSeq);
        }
        this.report();
      }
    } finally {
      this.running = false;
    }
    if (this.confirmed >= this.nextSeq && !this.fatal) this.settle(null);
  }

  private confirm(nextSeq: number): void {
    // Keep the chunks, not just the count: a restarted engine may ask for recent ones again (see 'gap').
    // Only chunks well behind are dropped, bounding memory to the last few seconds once all is saved.
    this.confirmed = Math.max(this.confirmed, Math.min(nextSeq, this.nextSeq));
    for (const seq of this.held.keys()) if (seq < this.confirmed - KEEP_CONFIRMED) this.held.delete(seq);
  }

  private fail(message: string): void {
    this.fatal = message;
    this.retrying = false;
    this.report();
    this.settle(new FatalChunkError(message));
  }

  private settle(error: Error | null): void {
    const waiters = this.waiters.splice(0);
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private report(): void {
    this.o.onStatus?.(this.status);
  }
}

/**
 * Confirmed chunks kept in memory: the engine writes its manifest after each chunk, so after a crash it can
 * only be behind by what it had not confirmed; a few extra cover a retry racing a restart.
 */
const KEEP_CONFIRMED = 4;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
