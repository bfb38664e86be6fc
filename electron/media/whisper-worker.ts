/**
 * The speech recogniser's process (started by recognizer.ts, one per transcription). whisper.cpp runs here and not
 * in the engine's process because a damaged model file makes it abort (a failed GGML_ASSERT ends the process; a
 * try/catch cannot stop it): here that ends only this process, and the job fails with a clear message. The model
 * is also loaded synchronously by the binding, which would stall the engine's event loop for seconds.
 * It reads 16 kHz mono float samples from a file, transcribes with one token per segment (token timestamps), and
 * answers the tokens. It talks over Node's IPC channel or Electron's parentPort, and exits when its parent goes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

export type RecognizeRequest = { type: 'run'; model: string; audio: string; language: string; threads: number };
export type RecognizeReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; tokens: { text: string; startSec: number; endSec: number }[]; language: string | null }
  | { type: 'error'; code: 'tool_missing' | 'invalid_input' | 'internal'; message: string };

type Segment = { text: string; t0: number; t1: number };
type Transcription = { stop: () => Promise<void>; promise: Promise<{ language?: string; segments: Segment[]; isAborted: boolean }> };
type WhisperContextClass = new (o: { filePath: string; useGpu: boolean }) => {
  transcribeData(audio: ArrayBuffer, o: Record<string, unknown>): Transcription;
  release(): Promise<void>;
};

type ParentPort = { on(event: 'message', f: (e: { data: unknown }) => void): void; postMessage(m: unknown): void };
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: RecognizeReply): void => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

/** The whisper.cpp binding's package for this platform (docs/captions.md "Auto-captions: the binding"). */
export function bindingPackage(platform: string = process.platform, arch: string = process.arch): string {
  return `@fugood/node-whisper-${platform}-${arch}`;
}

function loadBinding(): WhisperContextClass {
  const req = createRequire(import.meta.url);
  const mod = req(bindingPackage()) as { WhisperContext?: WhisperContextClass };
  if (typeof mod.WhisperContext !== 'function') throw new Error('the binding has no WhisperContext');
  return mod.WhisperContext;
}

async function run(m: RecognizeRequest): Promise<void> {
  let Ctx: WhisperContextClass;
  try {
    Ctx = loadBinding();
  } catch (e) {
    send({ type: 'error', code: 'tool_missing', message: `Speech recognition is not available on this computer (${process.platform}-${process.arch}): its whisper.cpp library could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).` });
    return;
  }
  let ctx: InstanceType<WhisperContextClass>;
  try {
    ctx = new Ctx({ filePath: m.model, useGpu: false });
  } catch {
    send({ type: 'error', code: 'invalid_input', message: 'The speech-recognition model could not be loaded. Remove it in Settings → Captions models and download it again.' });
    return;
  }
  const bytes = fs.readFileSync(m.audio);
  const samples = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const options: Record<string, unknown> = {
    language: m.language === 'und' ? 'auto' : m.language.split('-')[0],
    maxThreads: m.threads,
    // One token per segment with its own times: the words and their timings are built from these.
    tokenTimestamps: true,
    maxLen: 1,
    onProgress: (p: number) => send({ type: 'progress', fraction: Math.max(0, Math.min(1, p / 100)) }),
  };
  const result = await ctx.transcribeData(samples, options).promise;
  const tokens = result.segments.map((s) => ({ text: s.text, startSec: s.t0 / 1000, endSec: s.t1 / 1000 }));
  send({ type: 'done', tokens, language: result.language ?? null });
  await ctx.release();
}

const onMessage = (raw: unknown): void => {
  const m = raw as RecognizeRequest;
  if (m?.type !== 'run') return;
  // The parent ends this process once it has the answer (exiting here could drop the message on its way).
  run(m).catch((e: unknown) => send({ type: 'error', code: 'internal', message: `Speech recognition failed (${e instanceof Error ? e.message : String(e)}).` }));
};

if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else {
  process.on('message', onMessage);
  // The parent is gone (it crashed or was killed): nobody waits for the answer.
  process.on('disconnect', () => process.exit(0));
}
