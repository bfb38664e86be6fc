import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCues } from '../model/caption-cues';
import type { CaptionCue } from '../model/caption-track';
import { AppError } from '../model/errors';
import { type HeardWord, parsePocketsphinx, timeWords } from '../model/script-align';
import { jsgfGrammar, scriptWords } from '../model/script-text';
import { LOST_GAP_SOUND_SEC, SAMPLE_RATE, type Span, findPauses, frameLevels, planChunks, snapToOnset, soundWithin, trimToSound, trustedPrefix, wavHeader } from '../model/speech-chunks';
import { exe, isExecutable, onPath } from './binaries';
import type { MediaTools } from './ffmpeg';

/**
 * Sync to script (issue 12 §4, docs/captions.md): a known text aligned to speech offline by pocketsphinx with a
 * grammar that forces the script's words in order. The one adapter to the aligner: where it and its model are,
 * and the pipeline from an audio file to timed cues. Every process goes through MediaTools (tracked, recorded,
 * killed on cancel).
 */

export type Aligner = {
  /** pocketsphinx_continuous. */
  bin: string;
  /** The acoustic model folder (en-us/en-us: mdef, means, …). */
  hmm: string;
  /** The pronunciation dictionary (cmudict-en-us.dict). */
  dict: string;
};

export type AlignerResolveOptions = { env?: NodeJS.ProcessEnv; resourcesPath?: string; platform?: NodeJS.Platform; arch?: string };

/** Debian's pocketsphinx-en-us, where development machines have the model. */
export const SYSTEM_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const BIN = 'pocketsphinx_continuous';

const INSTALL_HINT =
  'Install it (Debian/Ubuntu: sudo apt-get install pocketsphinx pocketsphinx-en-us; other systems: the Postframe installer includes it) or set POSTFRAME_POCKETSPHINX and POSTFRAME_POCKETSPHINX_MODEL.';

function modelIn(dir: string): { hmm: string; dict: string } | null {
  const hmm = path.join(dir, 'en-us');
  const dict = path.join(dir, 'cmudict-en-us.dict');
  return fs.existsSync(path.join(hmm, 'mdef')) && fs.existsSync(dict) ? { hmm, dict } : null;
}

/**
 * POSTFRAME_POCKETSPHINX / POSTFRAME_POCKETSPHINX_MODEL, then the packaged resources
 * (resources/pocketsphinx/<platform>-<arch>/pocketsphinx_continuous and resources/pocketsphinx/model/en-us), then
 * PATH and Debian's model folder: as ffmpeg (binaries.ts). Throws 'tool_missing' naming what to install.
 */
export function resolveAligner(options: AlignerResolveOptions = {}): Aligner {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  let bin: string | null = null;
  if (env.POSTFRAME_POCKETSPHINX) {
    if (!isExecutable(env.POSTFRAME_POCKETSPHINX)) throw new AppError('tool_missing', `POSTFRAME_POCKETSPHINX points to "${env.POSTFRAME_POCKETSPHINX}", which is not an executable file. Fix the path or unset POSTFRAME_POCKETSPHINX.`);
    bin = env.POSTFRAME_POCKETSPHINX;
  }
  if (!bin && options.resourcesPath) {
    const packaged = path.join(options.resourcesPath, 'pocketsphinx', `${platform}-${arch}`, exe(BIN, platform));
    if (isExecutable(packaged)) bin = packaged;
  }
  bin ??= onPath(BIN, env, platform);
  if (!bin) throw new AppError('tool_missing', `Sync to script needs pocketsphinx, which was not found. ${INSTALL_HINT}`);
  let model: { hmm: string; dict: string } | null;
  if (env.POSTFRAME_POCKETSPHINX_MODEL) {
    model = modelIn(env.POSTFRAME_POCKETSPHINX_MODEL);
    if (!model) throw new AppError('tool_missing', `POSTFRAME_POCKETSPHINX_MODEL points to "${env.POSTFRAME_POCKETSPHINX_MODEL}", which has no en-us/mdef and cmudict-en-us.dict. Fix the path or unset it.`);
  } else {
    model = (options.resourcesPath ? modelIn(path.join(options.resourcesPath, 'pocketsphinx', 'model', 'en-us')) : null) ?? modelIn(SYSTEM_MODEL_DIR);
  }
  if (!model) throw new AppError('tool_missing', `Sync to script needs the US English speech model for pocketsphinx, which was not found. ${INSTALL_HINT}`);
  return { bin, ...model };
}

const dictionaries = new Map<string, Promise<Set<string>>>();

/** The dictionary's words (alternative pronunciations "word(2)" folded into "word"), read once per file. */
export function loadDictionary(file: string): Promise<Set<string>> {
  let p = dictionaries.get(file);
  if (!p) {
    p = fs.promises.readFile(file, 'utf8').then((text) => {
      const words = new Set<string>();
      for (const line of text.split('\n')) {
        const w = line.slice(0, line.indexOf(' ')).replace(/\(\d+\)$/, '');
        if (w) words.add(w);
      }
      return words;
    });
    dictionaries.set(file, p);
    p.catch(() => dictionaries.delete(file));
  }
  return p;
}

/**
 * Decoder settings (docs/captions.md "What broke the alignment"): one utterance per chunk (the end-of-speech
 * detector would otherwise cut the file at every pause and decode each piece from the grammar's start); dither
 * and no spectral noise removal, because stretches of digital silence (exact zero samples: edited voiceovers,
 * gated microphones, synthetic speech) threw the noise estimate off so that the forced path was lost after a
 * pause and the rest of the chunk went to a filler; and beams wider than the defaults, without which forced
 * grammars over ~20 s still lost their path.
 */
const DECODER_ARGS = ['-time', 'yes', '-dither', 'yes', '-remove_noise', 'no', '-vad_postspeech', '1000', '-beam', '1e-80', '-wbeam', '1e-60', '-pbeam', '1e-80'];
/** Chunks of about 15 s, cut at pauses: short enough that a lost path costs little, long enough to load the model rarely. */
const DEFAULT_CHUNK_TARGET_SEC = 15;
const DEFAULT_CHUNK_MAX_SEC = 30;
/** Decodes of one chunk's rest after its decoder lost the path, before that rest joins the next chunk. */
const MAX_REDECODES = 4;
/** Words a chunk's grammar may reach: fast speech is ~4 words a second; the rest waits for the next chunk. */
const WORDS_PER_SEC_MAX = 5;

export type SyncInput = {
  file: string;
  /** A part of the file (a clip's in-point and length); the whole file when absent. */
  fromSec?: number;
  durationSec?: number;
  script: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, detail: string) => void;
  /** Cue ids (the job's are random; tests pass their own). */
  makeId?: (index: number) => string;
  /** Chunk lengths (tests and the benchmark tune them). */
  chunkTargetSec?: number;
  chunkMaxSec?: number;
};

export type SyncOutput = {
  cues: CaptionCue[];
  durationSec: number;
  /** Script words with pieces the recogniser found (the others were timed between their neighbours). */
  heardWords: number;
  totalWords: number;
};

/** The audio as 16 kHz mono s16 samples, through ffmpeg (Sync to script, and the caption row's speech spans). */
export async function readPcm(tools: MediaTools, input: Pick<SyncInput, 'file' | 'fromSec' | 'durationSec' | 'signal'>): Promise<Int16Array> {
  const range = [...(input.fromSec ? ['-ss', String(input.fromSec)] : []), ...(input.durationSec ? ['-t', String(input.durationSec)] : [])];
  const { output, done } = tools.stream(['-hide_banner', '-loglevel', 'error', ...range, '-i', input.file, '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', 'pipe:1'], { signal: input.signal });
  const parts: Buffer[] = [];
  const reading = (async () => {
    for await (const chunk of output) parts.push(chunk as Buffer);
  })();
  try {
    await Promise.all([done, reading]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unsupported_media', `Could not read the recording's audio: ${e instanceof Error ? e.message : String(e)}. Check that the recording plays.`);
  }
  const all = Buffer.concat(parts);
  // A copy on an aligned offset: Buffer pools may start at an odd byte.
  const pcm = new Int16Array(Math.floor(all.length / 2));
  for (let i = 0; i < pcm.length; i++) pcm[i] = all.readInt16LE(i * 2);
  return pcm;
}

/** Aligns `script` to the audio and returns cues with word times (seconds from the start of the part read). */
export async function syncScript(tools: MediaTools, aligner: Aligner, input: SyncInput): Promise<SyncOutput> {
  const dictionary = await loadDictionary(aligner.dict);
  const words = scriptWords(input.script, (w) => dictionary.has(w));
  if (words.length === 0) throw new AppError('invalid_input', 'The script is empty. Paste the text that was spoken.');
  const flat: string[] = words.flatMap((w) => w.pieces);
  // Where each sentence's first piece is in `flat` (restart points after a stretch the decoder cannot match).
  const sentenceStarts: number[] = [];
  words.reduce((at, w, i) => {
    if ((i === 0 || words[i - 1]!.breakAfter === 'sentence') && w.pieces.length) sentenceStarts.push(at);
    return at + w.pieces.length;
  }, 0);
  if (flat.length === 0) throw new AppError('invalid_input', 'None of the script’s words are English words the aligner knows. Sync to script works with English scripts.');
  input.onProgress?.(0, 'Reading the audio');
  const pcm = await readPcm(tools, input);
  const durationSec = pcm.length / SAMPLE_RATE;
  if (durationSec < 0.2) throw new AppError('unsupported_media', 'That recording has no audio to sync the script to. Choose the clip with the spoken words.');
  const pauses = findPauses(frameLevels(pcm));
  const chunks: Span[] = planChunks(durationSec, pauses, input.chunkTargetSec ?? DEFAULT_CHUNK_TARGET_SEC, input.chunkMaxSec ?? DEFAULT_CHUNK_MAX_SEC);
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pf-sync-'));
  const heard: HeardWord[] = [];
  try {
    let pos = 0;
    // Where the next decode starts when not at its chunk's start: after the last trusted word of a chunk whose
    // decoder lost its path (the rest of that chunk is decoded again from there), or at the start of a chunk
    // that matched nothing (decoded again together with the next).
    let from: number | null = null;
    let redo = 0;
    for (let c = 0; c < chunks.length && pos < flat.length; c++) {
      const span: Span = { startSec: from ?? chunks[c]!.startSec, endSec: chunks[c]!.endSec };
      const sec = span.endSec - span.startSec;
      const window = flat.slice(pos, pos + Math.ceil(sec * WORDS_PER_SEC_MAX) + 20);
      const name = `chunk-${c}-${redo}`;
      const wav = path.join(tmp, `${name}.wav`);
      const grammar = path.join(tmp, `${name}.jsgf`);
      const samples = pcm.subarray(Math.round(span.startSec * SAMPLE_RATE), Math.round(span.endSec * SAMPLE_RATE));
      await fs.promises.writeFile(wav, Buffer.concat([wavHeader(samples.byteLength), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]));
      await fs.promises.writeFile(grammar, jsgfGrammar(window));
      input.onProgress?.(span.startSec / durationSec, `Aligning ${formatTime(span.startSec)}–${formatTime(span.endSec)}`);
      let stdout: string;
      try {
        stdout = await tools.runProgram('pocketsphinx', aligner.bin, ['-infile', wav, '-jsgf', grammar, '-hmm', aligner.hmm, '-dict', aligner.dict, ...DECODER_ARGS], { signal: input.signal });
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('internal', `The speech aligner failed: ${e instanceof Error ? e.message : String(e)}. Try again; if it keeps failing, reinstall pocketsphinx.`);
      }
      const got = parsePocketsphinx(stdout, span.startSec);
      // The grammar is linear from its first word: what was heard is exactly the window's first words, of which
      // those before the decoder lost its path are kept.
      const trusted = trustedPrefix(got, span.startSec, pauses);
      if (trusted === 0 && redo > 0) {
        // A re-decode from the last trusted word kept nothing: a stretch the model cannot match. Restart at the
        // next pause in the chunk with the grammar from the next sentence's first word (the words between are
        // timed from their neighbours).
        const pause = pauses.find((p) => p.startSec > span.startSec && p.endSec < span.endSec - 1);
        const next = sentenceStarts.find((k) => k > pos);
        if (pause && next !== undefined) {
          from = (pause.startSec + pause.endSec) / 2;
          pos = next;
          redo++;
          c--;
          continue;
        }
      }
      if (trusted === 0) {
        // Nothing matched: decoded again together with the next chunk, unless that grows past twice the limit,
        // then skipped: its words (estimated by the chunk's share of the audio) are timed from their neighbours.
        redo = 0;
        if (sec < 2 * (input.chunkMaxSec ?? DEFAULT_CHUNK_MAX_SEC) && c + 1 < chunks.length) from = span.startSec;
        else {
          from = null;
          pos += Math.round((flat.length * sec) / durationSec);
        }
        continue;
      }
      heard.push(...got.slice(0, trusted));
      pos += trusted;
      const resume = got[trusted - 1]!.endSec;
      from = null;
      if (pos < flat.length && soundWithin(resume, span.endSec, pauses) > LOST_GAP_SOUND_SEC) {
        // Speech left that no trusted word covers: the rest of the chunk again, from the next word. Each pass
        // keeps at least one word; after a few the rest joins the next chunk.
        from = resume;
        if (redo < MAX_REDECODES || c + 1 === chunks.length) {
          redo++;
          c--;
          continue;
        }
      }
      redo = 0;
    }
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  const timed = timeWords(words.map((w) => w.text), words.map((w) => w.pieces), trimToSound(heard, pauses), durationSec);
  const cues = buildCues(words, timed, input.makeId ?? ((i) => `cue-${i + 1}`)).map((cue, i, all) => {
    const startSec = Math.round(snapToOnset(cue.startSec, pauses, all[i - 1]?.endSec) * 1000) / 1000;
    const [first, ...rest] = cue.words ?? [];
    return { ...cue, startSec, words: first ? [{ ...first, startSec }, ...rest] : [] };
  });
  input.onProgress?.(1, 'Aligned');
  return { cues, durationSec, heardWords: timed.filter((t) => t.heard).length, totalWords: words.length };
}

function formatTime(s: number): string {
  const m = Math.floor(s / 60);
  const r = Math.floor(s % 60);
  return `${m}:${String(r).padStart(2, '0')}`;
}
