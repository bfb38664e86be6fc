import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A streaming POSIX tar (ustar) writer and a strict reader for library backups (docs/backup.md). Tar rather than our
 * kit zip (library/zip.ts): a backup holds media of many GB, and tar is written front to back with no directory at
 * the end, no 4 GB limit (sizes past 8 GiB use the base-256 size field GNU tar and bsdtar read), no compression to
 * bomb with, and any `tar` opens it. Only what the writer makes is read: regular files, names up to 100 bytes.
 */

const BLOCK = 512;
const NAME_MAX = 100;
/** The largest size the 11 octal digits of a ustar header hold; above it, base-256. */
const OCTAL_MAX = 0o77777777777;

export class TarError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar header block for a regular file. Pure (exported for tests). */
export function tarHeader(name: string, size: number, mtimeSec: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > NAME_MAX) throw new TarError(`“${name}” does not fit a tar header`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size <= OCTAL_MAX) h.write(octal(size, 12), 124, 'ascii');
  else {
    // GNU base-256: the high bit of the first byte marks it, the rest is the size big-endian.
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  h.write(octal(Math.max(0, Math.floor(mtimeSec)), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** Appends files to a tar stream, hashing each as it goes; nothing is held whole in memory. */
export class TarWriter {
  private readonly out: WriteStream;
  private readonly closed: Promise<void>;
  private written = 0;

  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'wx' });
    this.closed = new Promise((resolve, reject) => {
      this.out.on('close', resolve);
      this.out.on('error', reject);
    });
    // The promise is awaited in finish/abort; until then an early error must not be unhandled.
    this.closed.catch(() => undefined);
  }

  get bytesWritten(): number {
    return this.written;
  }

  private write(buf: Buffer): Promise<void> {
    this.written += buf.length;
    return new Promise((resolve, reject) => {
      this.out.write(buf, (e) => (e ? reject(e) : resolve()));
    });
  }

  /** Adds bytes held in memory (the header and manifest, a few kB). */
  async addBuffer(name: string, data: Buffer, mtimeSec: number): Promise<{ sha256: string; size: number }> {
    await this.write(tarHeader(name, data.length, mtimeSec));
    await this.write(data);
    await this.pad(data.length);
    return { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }

  /**
   * Streams a file in. Its size is taken first (the header precedes the data), and a file that grows or shrinks
   * while read fails the entry rather than writing a tar that lies. `onBytes` reports progress.
   */
  async addFile(name: string, file: string, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<{ sha256: string; size: number }> {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new TarError(`${file} is not a file`);
    await this.write(tarHeader(name, st.size, st.mtimeMs / 1000));
    const sha = createHash('sha256');
    let count = 0;
    for await (const chunk of createReadStream(file, { signal: opts.signal })) {
      const buf = chunk as Buffer;
      count += buf.length;
      if (count > st.size) throw new TarError(`${file} changed while it was being backed up`);
      sha.update(buf);
      await this.write(buf);
      opts.onBytes?.(buf.length);
    }
    if (count !== st.size) throw new TarError(`${file} changed while it was being backed up`);
    await this.pad(count);
    return { sha256: sha.digest('hex'), size: count };
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.write(Buffer.alloc(BLOCK - rest));
  }

  /** Writes the end-of-archive blocks and waits for the file to be flushed and closed. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await this.closed;
  }

  /** Stops writing and closes the file (the caller removes it). */
  async abort(): Promise<void> {
    this.out.destroy();
    await this.closed.catch(() => undefined);
  }
}

export type TarEntry = { name: string; size: number; dataStart: number };

/** Reads a header's numeric field: octal digits (NUL/space padded) or GNU base-256. */
function parseNumber(field: Buffer): number {
  if (field[0]! & 0x80) {
    if (field[0] !== 0x80) throw new TarError('a size is negative or too large');
    let v = 0n;
    for (let i = 1; i < field.length; i++) v = (v << 8n) | BigInt(field[i]!);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarError('a size is too large');
    return Number(v);
  }
  const text = field.toString('ascii').replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (!/^[0-7]*$/.test(text)) throw new TarError('a header holds a number that is not octal');
  return text === '' ? 0 : parseInt(text, 8);
}

/**
 * Parses one header block: a regular file's name and size, `'end'` for the zero block that ends an archive, or a
 * TarError for anything else (a link, a folder, a pax or GNU extension, a bad checksum, a name that is not UTF-8).
 */
export function parseTarHeader(h: Buffer): { name: string; size: number } | 'end' {
  if (h.length !== BLOCK) throw new TarError('the archive is cut short');
  if (h.every((b) => b === 0)) return 'end';
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  if (parseNumber(h.subarray(148, 156)) !== sum) throw new TarError('a header is damaged (checksum)');
  if (h.toString('ascii', 257, 262) !== 'ustar') throw new TarError('it is not a ustar archive');
  const type = String.fromCharCode(h[156]!);
  if (type !== '0' && type !== '\0') throw new TarError('it holds something other than plain files (a link, a folder or an extension)');
  if (h[345] !== 0) throw new TarError('it uses long names, which backups never do');
  const nameEnd = h.indexOf(0, 0);
  const raw = h.subarray(0, nameEnd < 0 || nameEnd > NAME_MAX ? NAME_MAX : nameEnd);
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new TarError('a file name is not UTF-8');
  }
  return { name, size: parseNumber(h.subarray(124, 136)) };
}

/** Walks the entries of a tar file by position: reads only the headers, never the data. */
export async function* tarEntries(file: string): AsyncGenerator<TarEntry> {
  const fh = await fs.open(file, 'r');
  try {
    const { size: total } = await fh.stat();
    let at = 0;
    const block = Buffer.alloc(BLOCK);
    for (;;) {
      if (at + BLOCK > total) throw new TarError('the archive is cut short');
      await fh.read(block, 0, BLOCK, at);
      const h = parseTarHeader(block);
      if (h === 'end') return;
      const dataStart = at + BLOCK;
      if (dataStart + h.size > total) throw new TarError(`“${h.name}” is cut short`);
      yield { name: h.name, size: h.size, dataStart };
      at = dataStart + Math.ceil(h.size / BLOCK) * BLOCK;
    }
  } finally {
    await fh.close();
  }
}

/** Copies an entry's bytes to `dest` (which must not exist), hashing them; `onBytes` reports progress. */
export async function extractTarEntry(file: string, entry: TarEntry, dest: string, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<{ sha256: string; size: number }> {
  const sha = createHash('sha256');
  let count = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      count += chunk.length;
      sha.update(chunk);
      opts.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  if (entry.size === 0) await fs.writeFile(dest, Buffer.alloc(0), { flag: 'wx' });
  else await pipeline(createReadStream(file, { start: entry.dataStart, end: entry.dataStart + entry.size - 1 }), tap, createWriteStream(dest, { flags: 'wx' }), { signal: opts.signal });
  return { sha256: sha.digest('hex'), size: count };
}
