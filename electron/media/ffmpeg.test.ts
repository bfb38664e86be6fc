import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { resolveBinaries } from './binaries';
import { MediaTools, summarizeFfmpegError, toCommandLine } from './ffmpeg';

describe('toCommandLine', () => {
  it('leaves plain arguments bare and quotes the rest so a shell reads them back unchanged', () => {
    expect(toCommandLine('/usr/bin/ffmpeg', ['-i', '/tmp/in.mp4', '-vf', 'scale=320:-2', '-y', 'out.webp'])).toBe(
      '/usr/bin/ffmpeg -i /tmp/in.mp4 -vf scale=320:-2 -y out.webp',
    );
    expect(toCommandLine('ffmpeg', ['-i', '/My Videos/clip 1.mp4'])).toBe("ffmpeg -i '/My Videos/clip 1.mp4'");
    expect(toCommandLine('ffmpeg', ["it's.mp4"])).toBe(`ffmpeg 'it'\\''s.mp4'`);
    expect(toCommandLine('ffmpeg', [''])).toBe("ffmpeg ''");
    expect(toCommandLine('ffmpeg', ['$(rm -rf ~)', 'a;b', '*.mp4', 'x|y', '"q"'])).toBe(`ffmpeg '$(rm -rf ~)' 'a;b' '*.mp4' 'x|y' '"q"'`);
    expect(toCommandLine('/opt/My Tools/ffmpeg', ['-version'])).toBe("'/opt/My Tools/ffmpeg' -version");
  });
});

describe('summarizeFfmpegError', () => {
  const banner = [
    'ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers',
    '  built with gcc 12 (Debian 12.2.0-14)',
    '  configuration: --prefix=/usr --enable-gpl',
    '  libavutil      57. 28.100 / 57. 28.100',
    '  libavcodec     59. 37.100 / 59. 37.100',
  ];

  it("keeps ffmpeg's last real line without the demuxer prefix", () => {
    const stderr = [...banner, '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c2f0] moov atom not found', ''].join('\n');
    expect(summarizeFfmpegError('ffmpeg exited with code 1: x', stderr)).toBe('moov atom not found');
  });

  it('drops the input path the user already knows', () => {
    expect(summarizeFfmpegError('', `${banner.join('\n')}\n/home/ana/My Clips/broken.mov: Invalid data found when processing input\n`)).toBe(
      'Invalid data found when processing input',
    );
    expect(summarizeFfmpegError('', 'C:\\Users\\ana\\clip.mp4: No such file or directory')).toBe('No such file or directory');
  });

  it('ignores progress and stream lines', () => {
    const stderr = [
      'Input #0, lavfi, from \'testsrc\':',
      'Stream mapping:',
      'Error while encoding: Cannot allocate memory',
      'frame=   10 fps=0.0 q=0.0 size=       0kB time=00:00:00.30 bitrate=   0.0kbits/s speed=   0x',
      'Press [q] to stop, [?] for help',
      'size=N/A time=00:00:01.00',
    ].join('\n');
    expect(summarizeFfmpegError('ffmpeg exited with code 1', stderr)).toBe('Error while encoding: Cannot allocate memory');
  });

  it("falls back to the error's message, without the exit-code prefix", () => {
    expect(summarizeFfmpegError('ffmpeg exited with code 234: Conversion failed!', '')).toBe('Conversion failed');
    expect(summarizeFfmpegError('ffmpeg was killed with signal SIGKILL', null)).toBe('ffmpeg was killed with signal SIGKILL');
    expect(summarizeFfmpegError('Error: spawn ffmpeg ENOENT', undefined)).toBe('Error: spawn ffmpeg ENOENT');
  });
});

describe('summarizeFfmpegError as a clause of our sentence', () => {
  it("drops ffmpeg's closing '!', '.' or ':' so the caller's full stop is the only one", () => {
    // What ffmpeg 5.1 prints when a filter graph cannot be configured.
    const stderr = ['Error reinitializing filters!', 'Failed to inject frame into filter network: Invalid argument', 'Error while processing the decoded data for stream #0:0', 'Conversion failed!', ''].join('\n');
    // "Conversion failed!" closes every failed run and says nothing: the error before it is the cause.
    expect(summarizeFfmpegError('ffmpeg exited with code 1', stderr)).toBe('Error while processing the decoded data for stream #0:0');
    expect(summarizeFfmpegError('', 'Conversion failed!\n')).toBe('Conversion failed');
    // Encoder statistics printed after the error do not hide it.
    expect(summarizeFfmpegError('', 'Could not write header for output file #1 (incorrect codec parameters ?): No space left on device\n[aac @ 0x1] Qavg: 291.484\n')).toBe('Could not write header for output file #1 (incorrect codec parameters ?): No space left on device');
    expect(summarizeFfmpegError('', 'Invalid argument.\n')).toBe('Invalid argument');
    expect(summarizeFfmpegError('', 'Error opening output files:\n')).toBe('Error opening output files');
    expect(summarizeFfmpegError('', 'Something odd!!  \n')).toBe('Something odd');
    // A question or a closing bracket is part of the words.
    expect(summarizeFfmpegError('', 'Unknown encoder (libx265)\n')).toBe('Unknown encoder (libx265)');
  });
});

describe('MediaTools', () => {
  let tmp: string;
  let tools: MediaTools;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-ffmpeg-'));
    tools = new MediaTools(resolveBinaries());
  });
  afterEach(() => {
    tools.killAll();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const testsrc = (seconds: number, out: string, realtime = false) => [
    '-f', 'lavfi', ...(realtime ? ['-re'] : []), '-i', `testsrc=size=320x240:rate=30:duration=${seconds}`, '-c:v', 'mpeg4', out,
  ];

  it('runs a command to the end and forgets it', async () => {
    const out = path.join(tmp, 'short.mp4');
    const run = tools.run(testsrc(0.2, out));
    expect(tools.runningCount).toBe(1);
    await run;
    expect(tools.runningCount).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });

  it('rejects with the summarized ffmpeg error when a run fails', async () => {
    const missing = path.join(tmp, 'missing.mp4');
    const errors: string[] = [];
    const logged = new MediaTools(tools.binaries, { debug: () => {}, error: (m) => errors.push(m) });
    await expect(logged.run(['-i', missing, path.join(tmp, 'o.mp4')])).rejects.toThrow(/^No such file or directory$/);
    expect(logged.runningCount).toBe(0);
    expect(errors).toHaveLength(1);
  });

  it('cancels a running ffmpeg when the signal aborts', async () => {
    const out = path.join(tmp, 'long.mp4');
    const ctl = new AbortController();
    let progressEvents = 0;
    const errors: string[] = [];
    const logged = new MediaTools(tools.binaries, { debug: () => {}, error: (m) => errors.push(m) });
    const run = logged.run(testsrc(60, out, true), {
      signal: ctl.signal,
      onProgress: () => {
        progressEvents++;
        ctl.abort();
      },
    });
    expect(logged.runningCount).toBe(1);
    const err = await run.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('cancelled');
    expect(progressEvents).toBeGreaterThanOrEqual(1);
    expect(logged.runningCount).toBe(0);
    expect(errors).toEqual([]); // a cancel is not logged as a failure
  });

  it('does not start when the signal is already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const out = path.join(tmp, 'never.mp4');
    await expect(tools.run(testsrc(1, out), { signal: ctl.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(tools.runningCount).toBe(0);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('reports the ffmpeg version and null for a binary that does not run', async () => {
    expect(await tools.version()).toMatch(/^\d+\.\d+/);
    const broken = new MediaTools({ ffmpeg: path.join(tmp, 'no-ffmpeg'), ffprobe: path.join(tmp, 'no-ffprobe') });
    expect(await broken.version()).toBeNull();
  });

  it('probe rejects a file that is not media', async () => {
    const text = path.join(tmp, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    await expect(tools.probe(text)).rejects.toThrow();
  });
});
