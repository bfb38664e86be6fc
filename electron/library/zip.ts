import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, deflateRawSync } from 'node:zlib';
import { AppError } from '../model/errors';
import { entryNameKey, unsafeEntryName } from '../model/zip-entry';

/**
 * A small zip writer and a strict, streaming zip reader for `.postframe-kit` files (docs/kit-format.md). Our own,
 * because the reader's job is mostly refusing: every rule of docs/security.md "Kit files" is a check here, and a
 * library's leniency (symlinks, zip64, data descriptors, overlapping entries) would be attack surface we do not
 * need. Only what the writer makes is read: stored or deflated regular files, no zip64, no encryption.
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const FLAG_UTF8 = 0x0800;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
/** 1980-01-01 00:00 in DOS time: a fixed stamp, so the same kit always makes the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crcUpdate(crc: number, buf: Uint8Array): number {
  let c = crc ^ 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ── writing ──────────────────────────────────────────────────────────────────

/** An entry to write: bytes in memory (deflated), or a file on disk (stored and streamed: media is compressed). */
export type ZipSource = { name: string; data: Buffer } | { name: string; file: string };

/**
 * Writes a zip to `dest` through a hidden part file renamed at the end, so a failure never leaves a half-written
 * kit under the real name. Files are read twice (checksum, then copy) instead of held in memory.
 */
export async function writeZip(dest: string, entries: ZipSource[]): Promise<{ sizeBytes: number }> {
  const part = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.part`);
  const central: Buffer[] = [];
  let offset = 0;
  const out = createWriteStream(part);
  const write = (buf: Buffer) =>
    new Promise<void>((resolve, reject) => {
      out.write(buf, (e) => (e ? reject(e) : resolve()));
    });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  try {
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      let crc: number;
      let size: number;
      let body: Buffer | null = null;
      let method: number;
      if ('data' in e) {
        crc = crcUpdate(0, e.data);
        size = e.data.length;
        body = deflateRawSync(e.data);
        method = 8;
      } else {
        ({ crc, size } = await fileCrc(e.file));
        method = 0;
      }
      const compressed = body ? body.length : size;
      if (size > 0xfffffffe || offset > 0xfffffffe) throw new AppError('too_large', 'This kit is too big for a kit file (over 4 GB). Use a shorter intro or outro clip.');
      const local = Buffer.alloc(LOCAL_HEADER);
      local.writeUInt32LE(SIG_LOCAL, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(FLAG_UTF8, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt16LE(0, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      await write(Buffer.concat([local, name]));
      if (body) await write(body);
      else {
        for await (const chunk of createReadStream((e as { file: string }).file)) await write(chunk as Buffer);
      }
      const c = Buffer.alloc(CENTRAL_HEADER);
      c.writeUInt32LE(SIG_CENTRAL, 0);
      c.writeUInt16LE((MADE_BY_UNIX << 8) | 20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(FLAG_UTF8, 8);
      c.writeUInt16LE(method, 10);
      c.writeUInt16LE(0, 12);
      c.writeUInt16LE(DOS_DATE, 14);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(compressed, 20);
      c.writeUInt32LE(size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(((S_IFREG | 0o644) << 16) >>> 0, 38);
      c.writeUInt32LE(offset, 42);
      central.push(Buffer.concat([c, name]));
      offset += LOCAL_HEADER + name.length + compressed;
    }
    const dir = Buffer.concat(central);
    const end = Buffer.alloc(END_RECORD);
    end.writeUInt32LE(SIG_END, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    await write(Buffer.concat([dir, end]));
    out.end();
    await closed;
    await fs.rename(part, dest);
    return { sizeBytes: offset + dir.length + END_RECORD };
  } catch (e) {
    out.destroy();
    await closed.catch(() => undefined);
    await fs.rm(part, { force: true });
    throw e;
  }
}

async function fileCrc(file: string): Promise<{ crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    crc = crcUpdate(crc, chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { crc, size };
}

// ── reading ──────────────────────────────────────────────────────────────────

export type ZipLimits = {
  /** The archive file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Uncompressed, per entry (declared and actual). */
  maxEntryBytes: number;
  /** Uncompressed, all entries together (declared and actual). */
  maxTotalBytes: number;
};

export type ZipEntry = {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts, and its compressed data starts and ends, in the archive. */
  localOffset: number;
  dataStart: number;
  dataEnd: number;
};

/** The refusal every check ends in: the file is not a kit we will open, and why. */
export function badKit(why: string): AppError {
  return new AppError('invalid_input', `This kit file cannot be imported: ${why}. Nothing was imported. Export the kit again from Postframe.`);
}

/**
 * Reads and checks the directory of a zip: sizes, count, names, flags, file types, and that entries neither overlap
 * nor reach outside the file. Reads only the end of the file and the local headers, never the data.
 */
export async function readZipDirectory(file: string, limits: ZipLimits): Promise<ZipEntry[]> {
  const fh = await fs.open(file, 'r');
  try {
    const { size: archiveSize } = await fh.stat();
    if (archiveSize > limits.maxArchiveBytes) {
      throw new AppError('too_large', `This kit file is ${mb(archiveSize)}; kit files up to ${mb(limits.maxArchiveBytes)} are imported. Nothing was imported.`);
    }
    if (archiveSize < END_RECORD) throw badKit('it is not a zip file');
    const tailSize = Math.min(archiveSize, END_RECORD + 0xffff);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, archiveSize - tailSize);
    let at = -1;
    for (let i = tailSize - END_RECORD; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_END && i + END_RECORD + tail.readUInt16LE(i + 20) === tailSize) {
        at = i;
        break;
      }
    }
    if (at < 0) throw badKit('it is not a zip file (or it is cut short)');
    const disk = tail.readUInt16LE(at + 4);
    const cdDisk = tail.readUInt16LE(at + 6);
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (disk !== 0 || cdDisk !== 0 || tail.readUInt16LE(at + 8) !== count) throw badKit('it is split over several files');
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw badKit('it uses zip64, which kit files never do');
    if (count > limits.maxEntries) throw badKit(`it holds ${count} files; a kit holds at most ${limits.maxEntries}`);
    const cdEnd = archiveSize - tailSize + at;
    if (cdOffset + cdSize !== cdEnd) throw badKit('its directory is not where it says');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);

    const entries: ZipEntry[] = [];
    const seen = new Set<string>();
    let total = 0;
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + CENTRAL_HEADER > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw badKit('its directory is damaged');
      const madeBy = cd.readUInt16LE(p + 4) >> 8;
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc32 = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const size = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const external = cd.readUInt32LE(p + 38);
      const localOffset = cd.readUInt32LE(p + 42);
      const nameBytes = cd.subarray(p + CENTRAL_HEADER, p + CENTRAL_HEADER + nameLen);
      p += CENTRAL_HEADER + nameLen + extraLen + commentLen;
      if (p > cd.length) throw badKit('its directory is damaged');
      let name: string;
      try {
        name = new TextDecoder('utf-8', { fatal: true }).decode(nameBytes);
      } catch {
        throw badKit('a file name is not UTF-8');
      }
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw badKit(unsafe);
      if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw badKit(`“${name}” is encrypted`);
      if (method !== 0 && method !== 8) throw badKit(`“${name}” is compressed in a way kit files never are`);
      // Unix-made entries carry their file type: only regular files (no symlinks, devices, folders).
      if (madeBy === MADE_BY_UNIX && external >>> 16 !== 0 && ((external >>> 16) & S_IFMT) !== S_IFREG) throw badKit(`“${name}” is not a regular file (a link or a folder)`);
      if (name.endsWith('/')) throw badKit(`“${name}” is a folder`);
      const key = entryNameKey(name);
      if (seen.has(key)) throw badKit(`“${name}” is in it twice`);
      seen.add(key);
      if (size > limits.maxEntryBytes) throw badKit(`“${name}” unpacks to ${mb(size)}; a file of a kit is at most ${mb(limits.maxEntryBytes)}`);
      total += size;
      if (total > limits.maxTotalBytes) throw badKit(`it unpacks to more than ${mb(limits.maxTotalBytes)}`);
      if (method === 0 && compressedSize !== size) throw badKit(`“${name}” has inconsistent sizes`);

      const local = Buffer.alloc(LOCAL_HEADER);
      if (localOffset + LOCAL_HEADER > cdOffset) throw badKit(`“${name}” points outside the file`);
      await fh.read(local, 0, LOCAL_HEADER, localOffset);
      if (local.readUInt32LE(0) !== SIG_LOCAL) throw badKit(`“${name}” is damaged`);
      const localName = Buffer.alloc(local.readUInt16LE(26));
      await fh.read(localName, 0, localName.length, localOffset + LOCAL_HEADER);
      if (!localName.equals(nameBytes)) throw badKit(`“${name}” has two different names`);
      const dataStart = localOffset + LOCAL_HEADER + localName.length + local.readUInt16LE(28);
      const dataEnd = dataStart + compressedSize;
      if (dataEnd > cdOffset) throw badKit(`“${name}” reaches past its data`);
      if (method === 8 && size > 0 && compressedSize === 0) throw badKit(`“${name}” has inconsistent sizes`);
      entries.push({ name, method, crc32, compressedSize, size, localOffset, dataStart, dataEnd });
    }
    // Overlapping entries are the trick of the smallest zip bombs (many names, one block of data).
    const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
    for (let i = 1; i < byOffset.length; i++) {
      if (byOffset[i]!.localOffset < byOffset[i - 1]!.dataEnd) throw badKit('its files overlap each other');
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Unpacks one entry to `dest`, counting bytes as they come: more than the entry declared (a lying header, a bomb)
 * stops the stream at once, so the disk never fills. Checks the CRC and returns the SHA-256 of the bytes.
 */
export async function extractEntry(file: string, entry: ZipEntry, dest: string): Promise<{ sha256: string; size: number }> {
  const sha = createHash('sha256');
  let crc = 0;
  let count = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      count += chunk.length;
      if (count > entry.size) {
        done(badKit(`“${entry.name}” unpacks to more than it declares`));
        return;
      }
      sha.update(chunk);
      crc = crcUpdate(crc, chunk);
      done(null, chunk);
    },
  });
  const source = entry.size === 0 && entry.compressedSize === 0 ? null : createReadStream(file, { start: entry.dataStart, end: entry.dataEnd - 1 });
  try {
    if (source && entry.method === 8) await pipeline(source, createInflateRaw(), guard, createWriteStream(dest, { flags: 'wx' }));
    else if (source) await pipeline(source, guard, createWriteStream(dest, { flags: 'wx' }));
    else {
      await fs.writeFile(dest, Buffer.alloc(0), { flag: 'wx' });
    }
  } catch (e) {
    await fs.rm(dest, { force: true });
    if (e instanceof AppError) throw e;
    throw badKit(`“${entry.name}” is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
  if (count !== entry.size) {
    await fs.rm(dest, { force: true });
    throw badKit(`“${entry.name}” is shorter than it declares`);
  }
  if (crc !== entry.crc32) {
    await fs.rm(dest, { force: true });
    throw badKit(`“${entry.name}” is damaged (checksum)`);
  }
  return { sha256: sha.digest('hex'), size: count };
}

/** Reads a small entry (the manifest) into memory, with the same checks. */
export async function readEntry(file: string, entry: ZipEntry, scratch: string): Promise<Buffer> {
  const tmp = path.join(scratch, `.entry-${entry.dataStart}`);
  await extractEntry(file, entry, tmp);
  try {
    return await fs.readFile(tmp);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${Math.round(bytes / 1e6)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}
