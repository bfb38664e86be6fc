import type { Clip } from '../../../../../../electron/model/draft';
import type { ClipPatch } from '../../../../../../electron/model/timeline';

/**
 * How a rotation is written into a clip, or null while the draft schema has no rotation (the rotate handle and
 * the rotate keys exist only when it does).
 */
export const rotationPatch: ((clip: Clip, deg: number) => ClipPatch) | null = null;
