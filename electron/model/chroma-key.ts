import { z } from 'zod';
import { HexColor } from './draft-parts';

/**
 * A media clip's chroma key (docs/draft-format.md "Chroma key"): pixels near `color` become transparent, so a
 * green-screen recording sits over the tracks beneath it. `similarity` is how far from the colour still counts
 * as the screen (0.01 only that colour … 1 everything), `blend` how softly the edge fades (0 hard … 1 soft),
 * as ffmpeg's `chromakey` names them. Only this schema here; the maths the preview and export share is the
 * keyer's own file.
 */
export const ChromaKey = z.object({
  color: HexColor,
  similarity: z.number().finite().min(0.01, 'A key’s similarity is between 0.01 and 1').max(1, 'A key’s similarity is between 0.01 and 1'),
  blend: z.number().finite().min(0, 'A key’s blend is between 0 and 1').max(1, 'A key’s blend is between 0 and 1'),
});
export type ChromaKey = z.infer<typeof ChromaKey>;
