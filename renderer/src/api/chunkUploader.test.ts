import { describe, expect, it } from 'vitest';
import type { ChunkAck } from '../../../electron/model/recording';
import { ChunkUploader, FatalChunkError, type UploadStatus } from './chunkUploader';

/** An engine stand-in with the same intake rules: in order, duplicates answered, gaps refused. */
class FakeEngine {
  taken: string[] = [];
  calls: number[] = [];
  down = 0;
  constructor(private readonly fatalAt: number | null = null) {}
  send = async (seq: number, data: Blob): Promise<ChunkAck> => {
    this.calls.push(seq);
    if (this.down > 0) {
      this.down--;
      throw new Error('connection refused');
    }
    if (seq === this.fatalAt) throw new FatalChunkError('This recording has already stopped.');
    if (seq < this.taken.length) return { status: 'duplicate', nextSeq: this.taken.length };
    if (seq > this.taken.length) return { status: 'gap', expected: this.taken.length };
    this.taken.push(await data.text());
    return { status: 'taken', nextSeq: this.taken.length };
  };
}

const noSleep = () => Promise.resolve();

describe('ChunkUploader', () => {
  it('sends chunks in recording order, one at a time, and drains', async () => {
    const engine = new FakeEngine();
    const up = new ChunkUploader(engine.send, { sleep: noSleep });
    for (const s of ['a', 'b', 'c']) up.push(new Blob([s]));
    await up.drain();
    expect(engine.taken).toEqual(['a', 'b', 'c']);
    expect(engine.calls).toEqual([0, 1, 2]);
    expect(up.count).toBe(3);
    expect(up.status).toEqual({ pending: 0, retrying: false, fatal: null });
  });

  it('retries through an outage with back-off and loses nothing', async () => {
    const engine = new FakeEngine();
    engine.down = 3;
    const waits: number[] = [];
    const statuses: UploadStatus[] = [];
    const up = new ChunkUploader(engine.send, { sleep: async (ms) => void waits.push(ms), onStatus: (s) => statuses.push(s) });
    up.push(new Blob(['a']));
    up.push(new Blob(['b']));
    await up.drain();
    expect(engine.taken).toEqual(['a', 'b']);
    expect(waits).toEqual([250, 500, 1000]);
    expect(statuses.some((s) => s.retrying)).toBe(true);
    expect(statuses.at(-1)).toEqual({ pending: 0, retrying: false, fatal: null });
  });

  it('treats a lost answer as taken when the engine says it already has the chunk', async () => {
    const engine = new FakeEngine();
    let lose = true;
    const up = new ChunkUploader(
      async (seq, data) => {
        const ack = await engine.send(seq, data);
        if (lose) {
          lose = false;
          throw new Error('the answer was lost');
        }
        return ack;
      },
      { sleep: noSleep },
    );
    up.push(new Blob(['a']));
    up.push(new Blob(['b']));
    await up.drain();
    expect(engine.taken).toEqual(['a', 'b']);
    expect(engine.calls).toEqual([0, 0, 1]);
  });

  it('resends from the chunk the engine asks for after a gap', async () => {
    const engine = new FakeEngine();
    const up = new ChunkUploader(engine.send, { sleep: noSleep });
    up.push(new Blob(['a']));
    up.push(new Blob(['b']));
    await up.drain();
    // The engine restarts from a manifest that never saw chunk 1.
    engine.taken.pop();
    up.push(new Blob(['c']));
    await up.drain();
    expect(engine.taken).toEqual(['a', 'b', 'c']);
    expect(engine.calls).toEqual([0, 1, 2, 1, 2]);
  });

  it('stops at a fatal refusal and says why', async () => {
    const engine = new FakeEngine(1);
    const up = new ChunkUploader(engine.send, { sleep: noSleep });
    up.push(new Blob(['a']));
    up.push(new Blob(['b']));
    await expect(up.drain()).rejects.toThrow(/already stopped/);
    expect(up.status.fatal).toMatch(/already stopped/);
    up.push(new Blob(['c']));
    expect(engine.calls).toEqual([0, 1]);
  });
});
