import type { Clip } from '../../../../../../electron/model/draft';
import type { ClipPatch } from '../../../../../../electron/model/timeline';
import { rotatePatch } from './manipulateLogic';

/**
 * How a rotation is written into a clip (draft version 4 has `transform.rotation` and text `rotation`), or null
 * where a build has none: the rotate handle exists only when it is set.
 */
export const rotationPatch: ((clip: Clip, deg: number) => ClipPatch) | null = rotatePatch;
