import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClipLook, VideoDraft } from '../model/draft';
import { writeCube } from '../model/cube-lut';
import { AppError } from '../model/errors';
import { type LutSource, hasColour, isIdentityLook, lookTable, shippedOnly } from '../model/look';

/**
 * The tables of clips' looks as .cube files for ffmpeg's lut3d (docs/looks.md). A file is named by a hash of
 * the look, so the compiler (pure) can name it and the export writes it before ffmpeg runs; the same look is
 * written once and reused by later exports.
 */

const LOOK_DIR = path.join(os.tmpdir(), 'postframe-looks');

function key(look: ClipLook): string {
  const a = look.adjust;
  const parts = [a.exposure, a.contrast, a.saturation, a.temperature, a.tint].map((v) => v ?? 0);
  // Letters only (hex digits moved to g..p): a digit-e-digit run in a filter argument reads as a number to checkers.
  return createHash('sha256').update(JSON.stringify([parts, look.lut])).digest('hex').slice(0, 24).replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!);
}

/** Where the export writes (and the compiler reads) the table of `look`'s colour. */
export function lookCubePath(look: ClipLook): string {
  return path.join(LOOK_DIR, `${key(look)}.cube`);
}

/** The LUT ids the draft's clips name (what the export must be able to read before it compiles). */
export function lutIdsOf(draft: VideoDraft): string[] {
  return draft.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' && c.look?.lut ? [c.look.lut.id] : [])));
}

/**
 * Writes the table of every clip look in `draft` that changes colour; refuses a look Postframe does not have.
 * `source`: shipped looks, and the library's imported ones (studio/looks-store.ts).
 */
export async function writeLookFiles(draft: VideoDraft, source: LutSource = shippedOnly): Promise<void> {
  const looks = draft.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' && c.look && !isIdentityLook(c.look) && hasColour(c.look) ? [c.look] : [])));
  if (looks.length === 0) return;
  await fs.mkdir(LOOK_DIR, { recursive: true });
  for (const look of looks) {
    const file = lookCubePath(look);
    const exists = await fs.stat(file).then(() => true, () => false);
    if (exists) continue;
    let text: string;
    try {
      text = writeCube(lookTable(look, source));
    } catch {
      throw new AppError('invalid_input', `A clip uses a look (“${look.lut?.id ?? ''}”) that is not in this library: it was removed, or the draft came from another library. Choose another look for that clip, or import its .cube again, then export.`);
    }
    // Written aside and renamed, so a parallel export never reads half a table.
    const part = `${file}.${process.pid}.part`;
    await fs.writeFile(part, text);
    await fs.rename(part, file);
  }
}
