/**
 * Matroska/WebM byte layout, just enough to read a file's last timestamps without reading all of it. A
 * browser recording (MediaRecorder) is written as a live stream: it never goes back to write the duration
 * into its header, so the only way to know how long it is is the timestamp of its last frame. Pure: works on
 * the first and last bytes of a file; media/duration.ts does the reading and asks ffprobe about the result.
 */

const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];
const CLUSTER_TIMESTAMP_ID = 0xe7;

/** An EBML variable-size integer at `at`: its length in bytes, or null when the bytes are not one. */
export function vintLength(b: Uint8Array, at: number): number | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const len = Math.clz32(first) - 23;
  return at + len <= b.length ? len : null;
}

function isClusterId(b: Uint8Array, at: number): boolean {
  return CLUSTER_ID.every((x, i) => b[at + i] === x);
}

/**
 * Whether a real cluster starts at `at`: its ID, a size, then its timestamp element (always the first child
 * in what browsers and ffmpeg write). Four bytes of frame data can look like the ID; all of this hardly can.
 */
export function isClusterStart(b: Uint8Array, at: number): boolean {
  if (!isClusterId(b, at)) return false;
  const sizeLen = vintLength(b, at + 4);
  if (sizeLen === null) return false;
  const child = at + 4 + sizeLen;
  if (b[child] !== CLUSTER_TIMESTAMP_ID) return false;
  const tsLen = vintLength(b, child + 1);
  if (tsLen === null) return false;
  // The timestamp's payload is 1..8 bytes; its size vint's value is that count.
  const size = b[child + 1]! & (0xff >> tsLen);
  return tsLen === 1 && size >= 1 && size <= 8;
}

/** Where the first cluster starts in a file's first bytes (everything before it is the header), or null. */
export function firstClusterOffset(head: Uint8Array): number | null {
  if (!(head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)) return null;
  for (let i = 4; i + 8 <= head.length; i++) if (isClusterStart(head, i)) return i;
  return null;
}

/** Where the last cluster starts in `tail` (the file's last bytes), or null when no whole cluster start is in it. */
export function lastClusterOffset(tail: Uint8Array): number | null {
  for (let i = tail.length - 8; i >= 0; i--) if (isClusterStart(tail, i)) return i;
  return null;
}

/**
 * The packets' end times (`pts_time,duration_time` lines of ffprobe's csv) → the time the last one ends, or
 * null when there is none. A packet with no duration ends where it starts.
 */
export function lastPacketEnd(csv: string): number | null {
  let end: number | null = null;
  for (const line of csv.split('\n')) {
    const [pts, dur] = line.trim().split(',');
    const t = Number(pts);
    if (!pts || pts === 'N/A' || !Number.isFinite(t)) continue;
    const d = Number(dur);
    const e = t + (dur && dur !== 'N/A' && Number.isFinite(d) && d > 0 ? d : 0);
    if (end === null || e > end) end = e;
  }
  return end;
}
