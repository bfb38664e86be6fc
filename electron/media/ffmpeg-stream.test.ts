import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeWaveform } from './av';
import { MediaTools } from './ffmpeg';

/**
 * `MediaTools.stream` (the waveform's decoder) under the orders a loaded machine produces: its output ends
 * long before ffmpeg exits, or ffmpeg exits before all its output has been read. Neither is a failure, and
 * `done` settles only once everything printed has been read. The fake ffmpeg below waits on a FIFO, so the
 * test decides when each thing happens: no step waits for time to pass.
 */
describe.skipIf(process.platform === 'win32')('MediaTools.stream', () => {
  let tmp: string;
  let fifo: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-stream-'));
    fifo = path.join(tmp, 'go');
    execFileSync('mkfifo', [fifo]);
  });
  afterEach(() => {
    // A fake still blocked on the FIFO (a failed test) is let go, so no process outlives the test.
    try {
      const fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      fs.writeSync(fd, 'x');
      fs.closeSync(fd);
    } catch {
      // nobody reading it
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A stand-in for ffmpeg: a shell script (ignoring its arguments). */
  function fakeFfmpeg(script: string): MediaTools {
    const bin = path.join(tmp, 'ffmpeg');
    fs.writeFileSync(bin, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return new MediaTools({ ffmpeg: bin, ffprobe: bin });
  }
  /** Lets the fake go on (it blocks reading the FIFO until then). */
  const go = () => fs.promises.writeFile(fifo, 'x');
  const settledYet = async (p: Promise<unknown>) => {
    let settled = false;
    p.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setImmediate(r));
    return settled;
  };

  it('output that ends while ffmpeg is still running is not a failure; done waits for the exit', async () => {
    const tools = fakeFfmpeg(`printf 'PCM-DATA'\nexec 1>&-\nhead -c 1 '${fifo}' >/dev/null\nexit 0`);
    const { output, done } = tools.stream(['-i', 'in.mp4', 'pipe:1']);
    let data = '';
    output.on('data', (c: Buffer) => (data += c.toString()));
    await once(output, 'end');
    expect(data).toBe('PCM-DATA');
    expect(await settledYet(done), 'done before ffmpeg exited').toBe(false);
    await go();
    await expect(done).resolves.toBeUndefined();
    expect(tools.runningCount).toBe(0);
  });

  it('ffmpeg that exits before its output is read to the end: done settles after the last byte', async () => {
    // A child of the fake keeps stdout open and writes the rest only once the fake has exited (and been reaped).
    const tools = fakeFfmpeg(`printf 'HEAD'\n( while kill -0 $$ 2>/dev/null; do sleep 0.01; done; head -c 1 '${fifo}' >/dev/null; printf 'TAIL' ) &\nexit 0`);
    const { output, done } = tools.stream(['-i', 'in.mp4', 'pipe:1']);
    let data = '';
    output.on('data', (c: Buffer) => (data += c.toString()));
    const atDone = done.then(() => data);
    expect(await settledYet(done)).toBe(false);
    await go();
    expect(await atDone).toBe('HEADTAIL');
  });

  it('a failure of the output stream itself rejects done instead of crashing the process', async () => {
    // It would print whatever the FIFO gets, and gets nothing: it runs until it is stopped.
    const tools = fakeFfmpeg(`exec cat '${fifo}'`);
    const { output, done } = tools.stream(['-i', 'in.mp4', 'pipe:1']);
    output.on('data', () => undefined);
    output.destroy(new Error('read failed'));
    await expect(done).rejects.toThrow(/^read failed$/);
    expect(tools.runningCount).toBe(0);
  });

  it('the waveform keeps every sample when ffmpeg exits before the last of them is read', async () => {
    // One second of full-scale 8 kHz PCM in two halves, the second after the fake has exited.
    const half = path.join(tmp, 'half.pcm');
    fs.writeFileSync(half, Buffer.alloc(8000, 0x7f)); // 4000 samples of 0x7f7f
    const tools = fakeFfmpeg(`cat '${half}'\n( while kill -0 $$ 2>/dev/null; do sleep 0.01; done; head -c 1 '${fifo}' >/dev/null; cat '${half}' ) &\nexit 0`);
    const wave = computeWaveform(tools, 'in.mp4');
    await go();
    const { peaks, peaksPerSecond } = await wave;
    expect(peaksPerSecond).toBe(50);
    expect(peaks).toHaveLength(50);
    expect(new Set(peaks)).toEqual(new Set([Math.round((0x7f7f / 32768) * 1000) / 1000]));
  });
});
