/**
 * Which media element a clip may take over. The engine keeps an element per clip (engine.ts `slots`); a clip
 * with none gets an idle one of the same media before a new one is made. Pure: the engine applies the answer.
 */

/**
 * An element playing media `src` (its URL: the asset, the variant and its revision) that belongs to no clip in
 * `wanted` (the clips playing or pre-rolled this frame): it may serve another clip of the same media.
 */
export function idleSlotOf<S extends { src: string }>(slots: ReadonlyMap<string, S>, src: string, wanted: ReadonlySet<string>): { id: string; slot: S } | null {
  for (const [id, slot] of slots) if (slot.src === src && !wanted.has(id)) return { id, slot };
  return null;
}
