import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, clause, errorCodes, type ErrorCode } from '../model/errors';
import type { CaptionCue } from '../model/caption-track';
import { type RecognizedToken, tokensToWords, wordsToCues } from '../model/transcript-cues';
import { whisperStopLine } from '../model/worker-end';
import type { MediaTools } from './ffmpeg';
import { forkWorker } from './fork-worker';
import { bindingPackage, type RecognizeReply, type RecognizeRequest } from './whisper-worker';

/**
 * Speech recognition behind one adapter (docs/captions.md "Auto-captions"): a model file and a stretch of a media
 * file in, caption cues with word timings out. ffmpeg turns the audio into 16 kHz mono float samples (what
 * whisper.cpp takes) in a temporary file; whisper.cpp runs in its own process (whisper-worker.ts says why), which
 * a cancel kills. The binding is @fugood/node-whisper-<platform>-<arch>, an optional dependency: where it is not
 * installed, `recognizerAvailability()` says so and a transcription is refused with that reason.
 */

export type RecognizeOptions = {
  model: string;
  file: string;
  fromSec: number;
  durationSec?: number;
  /** BCP 47 ("en", "fi"), or "und" to let the model detect it. */
  language: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, detail: string) => void;
  makeId: (n: number) => string;
  /** Where the samples file is written (a library's cache); default the system's temp folder. */
  tempDir?: string;
  /** How the worker is started (Electron: utilityProcess); default child_process.fork. */
  spawn?: RecognizerSpawner;
};

export type RecognizeResult = { cues: CaptionCue[]; language: string | null; words: number };

export interface RecognizerHandle {
  send(m: RecognizeRequest): void;
  onMessage(f: (m: RecognizeReply) => void): void;
  /** Called once, however the process ended, with its last words on stderr if any. */
  onExit(f: (why: string) => void): void;
  kill(): void;
}
export type RecognizerSpawner = (entry: { file: string; execArgv: string[] }) => RecognizerHandle;

/** Whether the binding for this platform is installed (it is an optional dependency). */
export function recognizerAvailability(): { available: boolean; reason: string | null } {
  try {
    createRequire(import.meta.url).resolve(bindingPackage());
    return { available: true, reason: null };
  } catch {
    return { available: false, reason: `Auto-captions need the whisper.cpp library for ${process.platform}-${process.arch}, which this installation does not have (${bindingPackage()}). Captions from a script or a subtitle file still work.` };
  }
}

export async function recognize(tools: MediaTools, o: RecognizeOptions): Promise<RecognizeResult> {
  const avail = recognizerAvailability();
  if (!avail.available) throw new AppError('tool_missing', avail.reason!);
  const dir = await fs.promises.mkdtemp(path.join(o.tempDir ?? os.tmpdir(), 'pf-asr-'));
  try {
    o.onProgress?.(0, 'Reading the audio');
    const samples = path.join(dir, 'audio.f32');
    const span = o.durationSec !== undefined ? ['-t', String(o.durationSec)] : [];
    await tools.run(['-ss', String(o.fromSec), ...span, '-i', o.file, '-vn', '-ac', '1', '-ar', '16000', '-f', 'f32le', '-y', samples], { signal: o.signal });
    const size = (await fs.promises.stat(samples)).size;
    if (size < 16000 * 4 * 0.2) throw new AppError('invalid_input', 'There is no sound to caption here (less than a fifth of a second). Choose the voiceover or a clip with speech.');
    o.onProgress?.(0.05, 'Recognising speech');
    const reply = await runWorker(o, samples);
    const words = tokensToWords(reply.tokens.map((t): RecognizedToken => ({ ...t, startSec: t.startSec + o.fromSec, endSec: t.endSec + o.fromSec })));
    return { cues: wordsToCues(words, o.makeId), language: reply.language, words: words.length };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function runWorker(o: RecognizeOptions, audio: string): Promise<Extract<RecognizeReply, { type: 'done' }>> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new AppError('cancelled', 'Cancelled.'));
    let handle: RecognizerHandle;
    try {
      handle = (o.spawn ?? nodeSpawner)(workerEntry());
    } catch (e) {
      return reject(e instanceof AppError ? e : new AppError('internal', `The speech recogniser could not start (${clause(String(e))}). Try again.`));
    }
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      handle.kill();
      f();
    };
    const onAbort = () => finish(() => reject(new AppError('cancelled', 'Cancelled.')));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    handle.onMessage((m) => {
      if (m.type === 'progress') o.onProgress?.(0.05 + 0.95 * m.fraction, 'Recognising speech');
      else if (m.type === 'done') finish(() => resolve(m));
      else if (m.type === 'error') finish(() => reject(new AppError(isErrorCode(m.code) ? m.code : 'internal', m.message)));
    });
    handle.onExit((why) =>
      finish(() =>
        reject(new AppError('internal', `The speech recogniser stopped before it finished${why ? ` (${clause(why)})` : ''}. If the model file is damaged, remove it in Settings → Captions models and download it again.`)),
      ),
    );
    try {
      handle.send({ type: 'run', model: o.model, audio, language: o.language, threads: Math.max(1, Math.min(8, os.availableParallelism() - 1)) });
    } catch (e) {
      finish(() => reject(new AppError('internal', `The speech recogniser could not be reached (${clause(String(e))}). Try again.`)));
    }
  });
}

function isErrorCode(c: string): c is ErrorCode {
  return (errorCodes as readonly string[]).includes(c);
}

/** The worker's code: beside this source under tsx (tests), or whisper-worker.js next to the bundle (out/cli, out/main). */
export function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: path.join(path.dirname(here), 'whisper-worker.ts'), execArgv: ['--import', 'tsx'] };
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const file = path.join(dir, 'whisper-worker.js');
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new AppError('internal', 'This build of Postframe has no speech recogniser (whisper-worker.js is missing). Build it again (npm run build:cli) or reinstall Postframe.');
}

/** child_process.fork (fork-worker.ts); whisper.cpp's assertion or error line says why it died. */
export const nodeSpawner: RecognizerSpawner = (entry) => forkWorker<RecognizeRequest, RecognizeReply>(entry, { keepStderr: 4000, why: whisperStopLine });
