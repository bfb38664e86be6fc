import fs from 'node:fs/promises';
import { writeVideoPoster } from '../media/av';
import type { MediaTools } from '../media/ffmpeg';
import { readVideoColour } from '../media/video-colour';
import type { Asset } from '../model/asset';
import { proxyIsStale } from '../model/proxy';
import type { Rooms } from './context';

/** What the check of a video imported before its dynamic range was read found and did. */
export type ColourCheck = { facts: Asset['facts']; staleProxy: boolean; newPoster: boolean };

/**
 * Reads the dynamic range of a video imported before it was kept (migration 0018) and records it; checks the
 * proxy it already has (model/proxy.ts proxyIsStale), and makes its poster and grid pictures again as the import now
 * does (HDR footage tone-mapped; any video's matrix converted to JPEG's: ffmpeg read BT.709 footage as BT.601). A file that cannot be read is recorded as SDR, as it was treated before,
 * so it is not checked on every draft open.
 */
export async function checkVideoColour(rooms: Rooms, tools: MediaTools, a: Asset, signal: AbortSignal): Promise<ColourCheck> {
  const original = rooms.folder.originalPath(a.sha256, a.ext);
  const colour = await readVideoColour(tools, original, signal).catch((e: unknown) => {
    if (signal.aborted) throw e;
    return null;
  });
  const dynamicRange = colour?.dynamicRange ?? 'sdr';
  rooms.assets.setDynamicRange(a.id, dynamicRange);
  const facts = { ...a.facts, dynamicRange };
  if (!colour) return { facts, staleProxy: false, newPoster: false };
  let staleProxy = false;
  if (a.hasProxy) {
    const proxy = await readVideoColour(tools, rooms.folder.proxyPath(a.sha256), signal).catch((e: unknown) => {
      if (signal.aborted) throw e;
      return null;
    });
    // An unreadable proxy file is made again too.
    staleProxy = proxy === null || proxyIsStale(colour, proxy);
  }
  let newPoster = false;
  if (a.hasThumbnail) {
    const out = { poster: rooms.folder.posterPath(a.sha256), thumb: rooms.folder.thumbPath(a.sha256) };
    // Made beside the old pictures and renamed over them: a failure leaves the old ones as they were.
    const part = { poster: `${out.poster}.part.jpg`, thumb: `${out.thumb}.part.webp` };
    const sig = await writeVideoPoster(tools, original, a.facts.durationSec, part, signal, colour)
      .then(async (s) => {
        await fs.rename(part.poster, out.poster);
        await fs.rename(part.thumb, out.thumb);
        return s;
      })
      .catch(async (e: unknown) => {
        await Promise.all([fs.rm(part.poster, { force: true }), fs.rm(part.thumb, { force: true })]);
        if (signal.aborted) throw e;
        return null;
      });
    if (sig) {
      // The grid's tile is made again from the new thumbnail when next asked for (studio/files.ts).
      await fs.rm(rooms.folder.tilePath(a.sha256), { force: true });
      rooms.visual.save(a.id, sig);
      rooms.assets.bumpMediaRev(a.id);
      newPoster = true;
    }
  }
  return { facts, staleProxy, newPoster };
}
