import { execFileSync } from 'node:child_process';

/**
 * A generated click track for beat tests (engine and e2e): a short 1 kHz blip that decays in ~20 ms every 60/bpm s
 * from `offsetSec`, over a quiet steady hum (its spectrum does not change, so it must give no beats of its own),
 * encoded by ffmpeg's lavfi to `file` (the extension picks the format: .mp3, .m4a, .wav). Returns the click times.
 */
export function makeClickTrack(file: string, opts: { bpm?: number; seconds?: number; offsetSec?: number } = {}): number[] {
  const bpm = opts.bpm ?? 120;
  const seconds = opts.seconds ?? 10;
  const offset = opts.offsetSec ?? 0.25;
  const period = 60 / bpm;
  // u: time since the last click (negative before the first).
  const u = `mod(t-${offset},${period})`;
  const expr = `if(gte(t,${offset}),0.8*sin(2*PI*1000*t)*exp(-250*${u}),0)+0.02*sin(2*PI*110*t)`;
  execFileSync(process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc='${expr}':s=44100:d=${seconds}`, '-ac', '2', file], { stdio: 'ignore' });
  const times: number[] = [];
  for (let t = offset; t < seconds - 1e-9; t += period) times.push(Math.round(t * 1000) / 1000);
  return times;
}
