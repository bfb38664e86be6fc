import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpeech, speechFixtureUnavailable } from '../../scripts/speech-fixture';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { SOCIAL_LOUDNESS_TARGET } from '../model/channels';
import type { VideoDraft } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import { planVariant } from '../model/render-variant';
import type { SourceFacts } from './compiler';
import { type ExportPhase, runExport } from './export';
import { audioFacts, draft, media, track } from './test-drafts';

// The export's two-pass loudness normalisation against an independent meter: ffmpeg's ebur128 filter reads the
// finished MP4's integrated loudness and true peak, which must be the channel's target within ±1 LU.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'small' };
const canvas = { width: 72, height: 128, fps: 24 as const };
const skip = speechFixtureUnavailable();
let dir = '';
let sources: Map<string, SourceFacts>;

/** Integrated loudness (LUFS) and true peak (dBTP) of a file's sound, by ebur128 (not the loudnorm we test). */
function meter(file: string): { lufs: number; peak: number } {
  const r = spawnSync(bins.ffmpeg, ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'], { encoding: 'utf8' });
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const lufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
  const peak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1]);
  return { lufs, peak };
}

const mix = (music: number, voice: number): VideoDraft =>
  draft(
    [
      // Not ducked: the music stays loud under the voice (the mix is well above the target).
      track('music', 'audio', [media('m', 'music', 0, 0, 8, { volume: music })], { role: 'music', ducking: { enabled: false, level: 0.3 } }),
      track('vo', 'audio', [media('v', 'speech', 0.5, 0, 7)], { role: 'voiceover' }),
    ].map((t) => (voice === 0 && t.id === 'vo' ? { ...t, muted: true } : t)),
    canvas,
  );

async function exportWith(d: VideoDraft, name: string, opts: { loudness?: typeof SOCIAL_LOUDNESS_TARGET | null; channel?: boolean }) {
  const outputPath = path.join(dir, `${name}.mp4`);
  const phases: ExportPhase[] = [];
  const fractions: number[] = [];
  await runExport(tools, {
    draft: d,
    sources,
    rasterize: () => Promise.reject(new Error('no text in these drafts')),
    preset,
    variant: opts.channel ? planVariant(canvas, 8, 'tiktok') : null,
    ...(opts.loudness !== undefined ? { loudness: opts.loudness } : {}),
    outputPath,
    onProgress: (f, phase) => {
      fractions.push(f);
      if (phases.at(-1) !== phase) phases.push(phase);
    },
  });
  return { outputPath, phases, fractions };
}

beforeAll(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-loudness-'));
  const speech = makeSpeech(path.join(dir, 'speech-raw.wav'), ['The river was quiet this morning.', 'We packed the boat and set off early.', 'By noon the wind had changed.'], [0.3, 0.6, 0.6]);
  // Speech made quiet (about −35 LUFS) and music made loud (a chord, near full scale): both far from the target.
  execFileSync(bins.ffmpeg, ['-v', 'error', '-nostdin', '-y', '-i', speech.file, '-af', 'volume=-20dB', '-ar', '48000', path.join(dir, 'speech.wav')]);
  const chord = "0.3*sin(2*PI*220*t)+0.25*sin(2*PI*277.18*t)+0.2*sin(2*PI*329.63*t)+0.15*sin(2*PI*110*t)*(0.5+0.5*sin(2*PI*2*t))";
  execFileSync(bins.ffmpeg, ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', `aevalsrc='${chord}|${chord}':s=48000:d=8`, '-c:a', 'aac', '-b:a', '192k', path.join(dir, 'music.m4a')]);
  sources = new Map([
    ['speech', audioFacts(path.join(dir, 'speech.wav'), speech.durationSec)],
    ['music', audioFacts(path.join(dir, 'music.m4a'), 8)],
  ]);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip !== null)('loudness normalisation of an export (two-pass loudnorm)', () => {
  const target = SOCIAL_LOUDNESS_TARGET;

  it('quiet speech alone is brought up to the target, measure pass shown in the progress', async () => {
    const d = mix(1, 1);
    const quiet = { ...d, tracks: d.tracks.map((t) => (t.id === 'music' ? { ...t, muted: true } : t)) };
    const asMixed = meter((await exportWith(quiet, 'speech-as-mixed', { loudness: null })).outputPath);
    expect(asMixed.lufs).toBeLessThan(target.integratedLufs - 10);
    const { outputPath, phases, fractions } = await exportWith(quiet, 'speech-levelled', { loudness: target });
    const m = meter(outputPath);
    expect(Math.abs(m.lufs - target.integratedLufs), `speech at ${m.lufs} LUFS`).toBeLessThanOrEqual(1);
    // AAC may overshoot the limiter's ceiling by a fraction of a dB.
    expect(m.peak).toBeLessThanOrEqual(target.truePeakDbtp + 0.5);
    expect(phases).toEqual(['render', 'measure', 'normalise']);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]! - 1e-9)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    // Only the levelled file is left: no part files.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('loud music under speech is brought down to the channel target of a TikTok variant', async () => {
    const asMixed = meter((await exportWith(mix(1, 1), 'mix-as-mixed', { loudness: null })).outputPath);
    expect(asMixed.lufs).toBeGreaterThan(target.integratedLufs + 1);
    const { outputPath, phases } = await exportWith(mix(1, 1), 'mix-tiktok', { channel: true });
    const m = meter(outputPath);
    expect(Math.abs(m.lufs - target.integratedLufs), `mix at ${m.lufs} LUFS`).toBeLessThanOrEqual(1);
    expect(m.peak).toBeLessThanOrEqual(target.truePeakDbtp + 0.5);
    expect(phases).toContain('measure');
  });

  it('a silent export is left as mixed (nothing to level)', async () => {
    const silent = mix(0, 0);
    const { outputPath, phases } = await exportWith(silent, 'silent', { loudness: target });
    expect(phases).toEqual(['render', 'measure']);
    expect(fs.statSync(outputPath).size).toBeGreaterThan(0);
    expect(meter(outputPath).lufs).toBeLessThan(-60);
  });
});
