import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { CaptionCue, cueTokens } from '../model/caption-track';
import { resolveBinaries } from './binaries';
import { MediaTools } from './ffmpeg';
import { nodeSpawner, recognize, recognizerAvailability } from './recognizer';

/**
 * The recogniser through its real process. Without a model file only the failure paths can run here (a damaged
 * model must fail the job, not the engine); with POSTFRAME_WHISPER_MODEL=/path/to/ggml-….bin the end-to-end test
 * transcribes espeak-ng speech with known words.
 */
const modelFile = process.env.POSTFRAME_WHISPER_MODEL;
const available = recognizerAvailability().available;
let dir: string;
let speech: string;
let tools: MediaTools;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-asr-test-'));
  tools = new MediaTools(resolveBinaries());
  speech = path.join(dir, 'speech.wav');
  // Two sentences with a second of silence between them (espeak-ng's [[_:1000]]-free way: two files joined by ffmpeg).
  execFileSync('espeak-ng', ['-s', '140', '-w', path.join(dir, 'a.wav'), 'The quick brown fox jumps over the lazy dog.']);
  execFileSync('espeak-ng', ['-s', '140', '-w', path.join(dir, 'b.wav'), 'Captions help people watch without sound.']);
  execFileSync(tools.binaries.ffmpeg, ['-v', 'error', '-i', path.join(dir, 'a.wav'), '-f', 'lavfi', '-t', '1', '-i', 'anullsrc=r=22050:cl=mono', '-i', path.join(dir, 'b.wav'), '-filter_complex', '[0:a][1:a][2:a]concat=n=3:v=0:a=1', speech]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ids = (n: number) => `auto-${n}`;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe.runIf(available)('recogniser failures (no model needed)', () => {
  it('a damaged model fails only the job, with what to do, whichever way whisper.cpp takes it', async () => {
    // Random bytes after the magic: whisper.cpp either refuses the header (an error it returns) or aborts on a
    // failed assertion (the process dies) depending on the bytes; both must reach the job as the same advice (one
    // starts a sentence with it, so the case differs).
    const bad = path.join(dir, 'damaged.bin');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from([0x6c, 0x6d, 0x67, 0x67]), randomBytes(4096)]));
    const e = await rejection(recognize(tools, { model: bad, file: speech, fromSec: 0, language: 'en', makeId: ids, tempDir: dir }));
    expect(['internal', 'invalid_input']).toContain(e.code);
    expect(e.message).toMatch(/remove it in Settings → Captions models and download it again/i);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('pf-asr-'))).toEqual([]); // the samples file is gone
  });

  it('a recogniser that aborts (a failed GGML_ASSERT) fails the job with its reason, and only its process ends', async () => {
    // What whisper.cpp does on a damaged tensor, made certain: a worker that says the assertion and aborts.
    const dying = path.join(dir, 'dying-worker.mjs');
    fs.writeFileSync(dying, "process.on('message', () => { process.stderr.write('whisper_model_load: loading\\nGGML_ASSERT: ggml.c:4123: ctx->mem_size > 0\\n', () => process.abort()); });\n");
    const e = await rejection(recognize(tools, { model: path.join(dir, 'any.bin'), file: speech, fromSec: 0, language: 'en', makeId: ids, tempDir: dir, spawn: () => nodeSpawner({ file: dying, execArgv: [] }) }));
    expect(e.code).toBe('internal');
    expect(e.message).toMatch(/stopped before it finished \(GGML_ASSERT: ggml\.c:4123: ctx->mem_size > 0\)\. If the model file is damaged, remove it in Settings → Captions models/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('pf-asr-'))).toEqual([]);
  });

  it('a file that is not a model is refused with what to do', async () => {
    const notModel = path.join(dir, 'not-a-model.bin');
    fs.writeFileSync(notModel, 'hello');
    const e = await rejection(recognize(tools, { model: notModel, file: speech, fromSec: 0, language: 'en', makeId: ids, tempDir: dir }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/could not be loaded/);
  });

  it('cancels: no process is left and the error says cancelled', async () => {
    const ctl = new AbortController();
    const e = await rejection(
      recognize(tools, {
        model: path.join(dir, 'whatever.bin'),
        file: speech,
        fromSec: 0,
        language: 'en',
        makeId: ids,
        tempDir: dir,
        signal: ctl.signal,
        onProgress: (_f, detail) => {
          if (detail === 'Recognising speech') ctl.abort();
        },
      }),
    );
    expect(e.code).toBe('cancelled');
  });
});

describe('whisper end to end', () => {
  it.skipIf(!modelFile || !available)(`transcribes espeak-ng speech into cues with word timings${modelFile ? '' : ' — skipped: set POSTFRAME_WHISPER_MODEL to a ggml model file (e.g. ggml-base.en.bin) to run it'}`, async () => {
    const progress: number[] = [];
    const r = await recognize(tools, { model: modelFile!, file: speech, fromSec: 0, language: 'en', makeId: ids, tempDir: dir, onProgress: (f) => progress.push(f) });
    const text = r.cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ').toLowerCase();
    for (const w of ['quick', 'fox', 'lazy', 'captions', 'sound']) expect(text).toContain(w);
    for (const c of r.cues) {
      CaptionCue.parse(c);
      expect(c.words?.map((w) => w.text)).toEqual(cueTokens(c.text));
    }
    // The second sentence starts after the pause: its first word ("Captions") not before 2 s.
    const captions = r.cues.flatMap((c) => c.words ?? []).find((w) => /captions/i.test(w.text));
    expect(captions!.startSec).toBeGreaterThan(2);
    expect(progress.at(-1)).toBeGreaterThan(0.9);
  });
});
