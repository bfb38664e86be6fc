import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastLine, WorkerEnd, whisperStopLine } from './worker-end';

describe('WorkerEnd', () => {
  it('tells the owner once, whichever of exit, error or a failed send comes first', () => {
    const ends: string[] = [];
    const e = new WorkerEnd(100, lastLine);
    e.onEnd((w) => ends.push(w));
    expect(e.ended).toBe(false);
    e.end('write EPIPE');
    e.exited('exit code 1');
    expect(ends).toEqual(['write EPIPE']);
    expect(e.ended).toBe(true);
  });

  it('says why from the stderr tail, else how it ended', () => {
    const a = new WorkerEnd(100, lastLine);
    const whyA: string[] = [];
    a.onEnd((w) => whyA.push(w));
    a.exited('exit code 9');
    expect(whyA).toEqual(['exit code 9']);
    const b = new WorkerEnd(100, lastLine);
    const whyB: string[] = [];
    b.onEnd((w) => whyB.push(w));
    b.stderr('starting\n');
    b.stderr(Buffer.from('sharp: cannot load libvips\n'));
    b.exited('exit code 1');
    expect(whyB).toEqual(['sharp: cannot load libvips']);
  });

  it('keeps only the last `keep` characters of stderr, however it arrives', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (chunks, keep) => {
        let seen = '';
        const e = new WorkerEnd(keep, (tail) => ((seen = tail), ''));
        for (const c of chunks) e.stderr(c);
        e.exited('x');
        expect(seen).toBe(chunks.join('').slice(-keep));
      }),
    );
  });

  it('whisper.cpp: the assertion or error line, else the last line', () => {
    expect(whisperStopLine('load\n/src/ggml.c:1: GGML_ASSERT(x) failed\nbye\n')).toBe('GGML_ASSERT(x) failed');
    expect(whisperStopLine('a\nerror: cannot open model\nb')).toBe('error: cannot open model');
    expect(whisperStopLine('one\ntwo\n')).toBe('two');
    expect(whisperStopLine('')).toBe('');
  });
});
