import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, errorMessage } from '../model/errors';
import {
  afterChunk,
  type ChunkAck,
  classifyTake,
  decideChunk,
  MAX_CHUNK_BYTES,
  RECORDING_ID,
  RecordingManifest,
  type RecordingContainer,
  type RecordingKind,
  type VoiceoverTarget,
} from '../model/recording';

const MANIFEST = 'manifest.json';

export type NewRecording = {
  kind: RecordingKind;
  name: string;
  mimeType: string;
  container: RecordingContainer;
  fps: RecordingManifest['fps'];
  timesliceMs: number;
  voiceover: VoiceoverTarget | null;
};

const notFound = () => new AppError('not_found', 'That recording is not in this library any more (it was saved, recovered or discarded). Start a new take.');

/**
 * Takes on disk: `<library>/recordings/<id>/take.<webm|mp4>` plus `manifest.json`. Chunks are written at the
 * offset the manifest says and flushed, then the manifest is replaced atomically (temp file + rename), so
 * after a crash the manifest describes a prefix of the file that is all there: what the manifest never
 * saw is cut off on recovery and a retried chunk rewrites the same bytes. Work on one take is serialised.
 */
export class RecordingStore {
  /** When this process last heard from each take's recorder (start or chunk). */
  private readonly lastSeen = new Map<string, number>();
  private readonly finalizing = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  dirOf(id: string): string {
    if (!RECORDING_ID.test(id)) throw notFound();
    return path.join(this.dir, id);
  }

  takePath(m: Pick<RecordingManifest, 'id' | 'container'>): string {
    return path.join(this.dirOf(m.id), `take.${m.container}`);
  }

  async create(input: NewRecording): Promise<RecordingManifest> {
    const id = randomUUID();
    const now = this.clock().toISOString();
    const m: RecordingManifest = RecordingManifest.parse({
      version: 1,
      id,
      ...input,
      state: 'recording',
      nextSeq: 0,
      bytes: 0,
      durationMs: null,
      assetId: null,
      createdAt: now,
      updatedAt: now,
    });
    await fs.mkdir(this.dirOf(id), { recursive: true });
    await fs.writeFile(this.takePath(m), new Uint8Array(0));
    await this.writeManifest(m);
    this.lastSeen.set(id, this.clock().getTime());
    return m;
  }

  /** The manifest of a take, or null when there is none (or it cannot be read: such a folder is not a take). */
  async read(id: string): Promise<RecordingManifest | null> {
    const text = await fs.readFile(path.join(this.dirOf(id), MANIFEST), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      return RecordingManifest.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  async require(id: string): Promise<RecordingManifest> {
    const m = await this.read(id);
    if (!m) throw notFound();
    return m;
  }

  /** Takes chunk `seq`; see decideChunk for order, retries and gaps. */
  append(id: string, seq: number, data: Uint8Array): Promise<ChunkAck> {
    if (data.byteLength > MAX_CHUNK_BYTES) {
      return Promise.reject(new AppError('invalid_input', `A recording chunk may be at most ${MAX_CHUNK_BYTES / 1024 / 1024} MB. Record with a shorter timeslice.`));
    }
    return this.serial(id, async () => {
      const m = await this.require(id);
      const d = decideChunk(m, seq);
      if (d.action === 'closed') throw new AppError('conflict', d.message);
      this.lastSeen.set(id, this.clock().getTime());
      if (d.action === 'duplicate') return { status: 'duplicate', nextSeq: d.nextSeq };
      if (d.action === 'gap') return { status: 'gap', expected: d.expected };
      const fh = await fs.open(this.takePath(m), 'r+');
      try {
        // Bytes past the manifest's end are from a chunk whose manifest write never happened: replace them.
        await fh.truncate(d.offset);
        await fh.write(data, 0, data.byteLength, d.offset);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      const next = afterChunk(m, data.byteLength, this.clock());
      await this.writeManifest(next);
      return { status: 'taken', nextSeq: next.nextSeq };
    });
  }

  /**
   * The recorder is done: `chunks` is how many it sent, so a stop that overtook its last chunk is refused
   * (the recorder retries once that chunk is in) rather than finalizing a take with a hole at the end.
   */
  stop(id: string, o: { chunks: number; durationMs: number | null }): Promise<RecordingManifest> {
    return this.serial(id, async () => {
      const m = await this.require(id);
      if (m.state !== 'recording') return m;
      if (o.chunks > m.nextSeq) {
        throw new AppError('conflict', `${o.chunks - m.nextSeq} part(s) of this take are still on the way. Wait a moment and stop again.`);
      }
      if (m.bytes === 0) {
        await this.remove(id);
        throw new AppError('invalid_input', 'Nothing was recorded: the take was empty. Check the camera and microphone, then record again.');
      }
      const next: RecordingManifest = { ...m, state: 'stopped', durationMs: o.durationMs, updatedAt: this.clock().toISOString() };
      await this.writeManifest(next);
      this.lastSeen.delete(id);
      return next;
    });
  }

  /** Recovery: whatever was taken is the take. Bytes past the manifest's end are cut off first. */
  close(id: string): Promise<RecordingManifest> {
    return this.serial(id, async () => {
      const m = await this.require(id);
      if (m.state === 'done') throw notFound();
      await this.cutToManifest(m);
      if (m.state === 'stopped') return m;
      const next: RecordingManifest = { ...m, state: 'stopped', updatedAt: this.clock().toISOString() };
      await this.writeManifest(next);
      this.lastSeen.delete(id);
      return next;
    });
  }

  /** Imported as `assetId`: recorded before the folder goes, so a crash in between never imports it twice. */
  async markDone(id: string, assetId: string): Promise<void> {
    await this.serial(id, async () => {
      const m = await this.require(id);
      await this.writeManifest({ ...m, state: 'done', assetId, updatedAt: this.clock().toISOString() });
    });
    await this.remove(id);
  }

  async remove(id: string): Promise<void> {
    this.lastSeen.delete(id);
    await fs.rm(this.dirOf(id), { recursive: true, force: true });
  }

  setFinalizing(id: string, on: boolean): void {
    if (on) this.finalizing.add(id);
    else this.finalizing.delete(id);
  }

  /**
   * Takes that nobody is recording or finalizing, oldest first; folders of finished or empty takes are
   * removed on the way (classifyTake). Folders without a readable manifest are left alone: not ours to judge.
   */
  async interrupted(): Promise<RecordingManifest[]> {
    const out: RecordingManifest[] = [];
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!RECORDING_ID.test(name)) continue;
      const m = await this.read(name);
      if (!m || m.id !== name) continue;
      const verdict = classifyTake(m, { now: this.clock().getTime(), finalizing: this.finalizing.has(m.id), lastSeenAt: this.lastSeen.get(m.id) ?? null });
      if (verdict === 'cleanup') await this.remove(m.id);
      else if (verdict === 'interrupted') out.push(m);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async cutToManifest(m: RecordingManifest): Promise<void> {
    const file = this.takePath(m);
    const st = await fs.stat(file).catch(() => null);
    if (!st) throw new AppError('not_found', 'The media file of this take is missing, so it cannot be recovered. Discard it.');
    if (st.size > m.bytes) await fs.truncate(file, m.bytes);
  }

  private async writeManifest(m: RecordingManifest): Promise<void> {
    const file = path.join(this.dirOf(m.id), MANIFEST);
    const tmp = `${file}.tmp`;
    try {
      const fh = await fs.open(tmp, 'w');
      try {
        await fh.writeFile(JSON.stringify(m));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, file);
    } catch (e) {
      throw new AppError('library_unavailable', `The recording could not be saved to the library folder (${errorMessage(e)}). Check that the disk has room and is writable.`);
    }
  }

  /** Runs `fn` after everything queued for this take (one chunk at a time, in arrival order). */
  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run;
  }
}
