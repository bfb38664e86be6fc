import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Spoken test audio with known timing (issue 12): each sentence said by espeak-ng, its leading and trailing
 * silence trimmed so it starts at its first sound, then laid end to end with known pauses. The true start of
 * each sentence is therefore exact (in samples), for the script-sync tests, the e2e spec and the benchmark.
 */

const RATE = 16_000;

/** Why the speech tests cannot run here, or null when espeak-ng and ffmpeg are installed. */
export function speechFixtureUnavailable(): string | null {
  for (const [bin, flag, pkg] of [['espeak-ng', '--version', 'espeak-ng'], [process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', '-version', 'ffmpeg']] as const) {
    try {
      execFileSync(bin, [flag], { stdio: 'ignore' });
    } catch {
      return `${bin} is not installed (apt-get install ${pkg})`;
    }
  }
  return null;
}

export type SpokenSentence = { text: string; startSec: number; endSec: number };
export type SpeechFixture = { file: string; durationSec: number; sentences: SpokenSentence[]; script: string };

/** One sentence as 16 kHz mono s16 samples, silence trimmed at both ends. */
function speak(text: string, words: number, voice?: string): Buffer {
  const wav = execFileSync('espeak-ng', [...(voice ? ['-v', voice] : []), '-s', String(words), '--stdout', text], { maxBuffer: 64 * 1024 * 1024 });
  return execFileSync(
    process.env.POSTFRAME_FFMPEG ?? 'ffmpeg',
    ['-v', 'error', '-i', 'pipe:0', '-af', 'silenceremove=start_periods=1:start_threshold=-50dB,areverse,silenceremove=start_periods=1:start_threshold=-50dB,areverse', '-ac', '1', '-ar', String(RATE), '-f', 's16le', 'pipe:1'],
    { input: wav, maxBuffer: 256 * 1024 * 1024 },
  );
}

/**
 * `sentences` spoken at `wordsPerMinute` (in espeak-ng's `voice`, its default when absent) with `pauses[i]` seconds
 * of silence before sentence i (the first one too: a lead-in), written as a WAV at `file`.
 */
export function makeSpeech(file: string, sentences: readonly string[], pauses: readonly number[], wordsPerMinute = 150, voice?: string): SpeechFixture {
  const parts: Buffer[] = [];
  const out: SpokenSentence[] = [];
  let samples = 0;
  sentences.forEach((text, i) => {
    const gap = Math.round((pauses[i] ?? pauses.at(-1) ?? 0.8) * RATE);
    parts.push(Buffer.alloc(gap * 2));
    samples += gap;
    const pcm = speak(text, wordsPerMinute, voice);
    out.push({ text, startSec: samples / RATE, endSec: (samples + pcm.length / 2) / RATE });
    parts.push(pcm);
    samples += pcm.length / 2;
  });
  const tail = Math.round(0.5 * RATE);
  parts.push(Buffer.alloc(tail * 2));
  samples += tail;
  const data = Buffer.concat(parts);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return { file, durationSec: samples / RATE, sentences: out, script: sentences.join(' ') };
}

/** About a minute of narration (the benchmark's and the long test's), in sentences of varied length. */
export const MINUTE_SCRIPT = [
  'Most short videos are watched without sound.',
  'Captions are the first thing creators ask for after cutting.',
  'A creator who recorded with the teleprompter gets captions timed word by word.',
  'The known text is aligned to the audio on this machine.',
  'Nothing leaves the computer unless you send it.',
  'Every cue has a start and an end.',
  'Lines stay short, so that people can read them on a phone.',
  'The words light up as they are spoken.',
  'Long recordings are split at pauses, so the search stays fast.',
  'When a word is missing from the dictionary, its time comes from its neighbours.',
  'The result is a list of cues with word timings.',
  'You can edit any word afterwards, and the timing stays.',
  'Export writes subtitles next to the video.',
  'In 2024 we made 12 videos a week.',
  'This is the end of the test recording.',
];

/**
 * A second narration (a recipe: commas, short sentences, other words) for checking that sync accuracy is not
 * tuned to MINUTE_SCRIPT; the benchmark and a test say it in espeak-ng's en-us voice at 130 words a minute.
 */
export const RECIPE_SCRIPT = [
  'Welcome back to the channel.',
  'Today we are cooking a simple pasta with garlic, lemon and fresh basil.',
  'First, bring a large pot of salted water to the boil.',
  'While it heats, slice four cloves of garlic as thin as you can.',
  'Warm the olive oil gently, because burnt garlic tastes bitter.',
  'Add the pasta to the water and stir it once or twice.',
  'After nine minutes, taste a piece to check that it is nearly done.',
  'Keep a cup of the cooking water before you drain it.',
  'Toss everything together in the pan with the lemon juice.',
  'Tear the basil over the top at the very end.',
  'That is all there is to it.',
  'Thanks for watching, and see you next week.',
];
