import type { MediaTools } from '../media/ffmpeg';
import type { VideoDraft } from '../model/draft';
import { errorMessage } from '../model/errors';
import type { RampSound } from './speed-ramp-filters';

/**
 * What this ffmpeg binary can do beyond what every build has (I/O at the edge; the parsing is pure). Asked once
 * per binary and cached, only when an export needs the answer.
 */

/** The `ffmpeg -filters` listing names this filter (rows: flags, name, pads, description). */
export function listsFilter(listing: string, name: string): boolean {
  return listing.split('\n').some((row) => row.trim().split(/\s+/)[1] === name);
}

/** The draft has a ramped clip whose sound is heard somewhere (nothing to stretch otherwise). */
export function needsRampSound(draft: VideoDraft): boolean {
  return draft.tracks.some((t) => !t.muted && !t.hidden && t.clips.some((c) => c.type === 'media' && c.speedRamp !== undefined && c.volume > 0));
}

const rampSounds = new Map<string, Promise<RampSound>>();

/** 'rubberband' when this ffmpeg was built with librubberband, else 'mean' (speed-ramp-filters.ts RampSound). */
export function rampSoundFor(tools: MediaTools, log?: (message: string) => void): Promise<RampSound> {
  const key = tools.binaries.ffmpeg;
  let found = rampSounds.get(key);
  if (!found) {
    found = tools.runProgram('ffmpeg', key, ['-hide_banner', '-filters'], { timeoutMs: 15_000 }).then(
      (listing) => {
        if (listsFilter(listing, 'rubberband')) return 'rubberband';
        log?.('this ffmpeg has no rubberband filter: a speed curve\'s sound plays at the curve\'s mean speed');
        return 'mean';
      },
      (e: unknown) => {
        log?.(`ffmpeg -filters failed (${errorMessage(e)}); a speed curve's sound plays at the curve's mean speed`);
        return 'mean';
      },
    );
    rampSounds.set(key, found);
  }
  return found;
}
