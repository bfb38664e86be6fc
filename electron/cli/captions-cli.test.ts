import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import { ANY_PATH } from '../studio/path-gate';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';
import { EXIT } from './main';

/** `postframe captions import|export` through main() with captured output, on a real library. */
describe('postframe captions', () => {
  const box = useCliSandbox('pf-captions-cli-');

  const draft = async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', pathAccess: ANY_PATH });
    try {
      return (await studio.api['drafts.create']({ kind: 'video', name: 'Clip' })).id;
    } finally {
      await studio.close();
    }
  };

  it('imports an SRT into a draft and exports it as WebVTT and SRT', async () => {
    const id = await draft();
    const srt = path.join(box.tmp, 'in.srt');
    fs.writeFileSync(srt, '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:01,500 --> 00:00:03,000\nWorld\n');
    const imported = await runCli('captions', 'import', '--library', box.libraryPath, id, srt, '--language', 'en');
    expect(imported).toEqual({ code: EXIT.ok, err: '', out: expect.stringMatching(/^note: line 6: this caption starts before the one at line 2 ends; both were kept.*\nAdded 2 captions as track captions-1 \(revision \d+; read as SRT, utf-8\)\n$/) });

    const vtt = path.join(box.tmp, 'out.vtt');
    expect(await runCli('captions', 'export', '--library', box.libraryPath, id, 'captions-1', vtt)).toEqual({ code: EXIT.ok, err: '', out: `Wrote 2 captions to ${vtt}\n` });
    expect(fs.readFileSync(vtt, 'utf8')).toBe('WEBVTT\n\ncue-1\n00:00:01.000 --> 00:00:02.000\nHello\n\ncue-2\n00:00:01.500 --> 00:00:03.000\nWorld\n');
    const back = path.join(box.tmp, 'back.srt');
    expect((await runCli('captions', 'export', '--library', box.libraryPath, id, 'captions-1', back)).code).toBe(EXIT.ok);
    expect(fs.readFileSync(back, 'utf8')).toBe(fs.readFileSync(srt, 'utf8'));
  });

  it('says what is wrong: a bad file, an unknown track, a bad usage', async () => {
    const id = await draft();
    const bad = path.join(box.tmp, 'bad.srt');
    fs.writeFileSync(bad, '1\n00:00:01 -> 00:00:02\nHi\n');
    expect(await runCli('captions', 'import', '--library', box.libraryPath, id, bad, '--json')).toEqual({ code: EXIT.error, out: '', err: expect.stringMatching(/^postframe: This subtitle file could not be imported, so nothing was added: line 2: "00:00:01 -> 00:00:02" is not a caption's times/) });
    expect(await runCli('captions', 'export', '--library', box.libraryPath, id, 'nope', path.join(box.tmp, 'x.srt'))).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/caption track is not in this draft/) });
    expect((await runCli('captions', 'export', '--library', box.libraryPath, id, 'nope', path.join(box.tmp, 'x.txt'))).code).toBe(EXIT.usage);
    expect((await runCli('captions', 'import', '--library', box.libraryPath, id)).code).toBe(EXIT.usage);
  });
});
