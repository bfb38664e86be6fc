import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawZip } from './__tests__/raw-zip';
import { type ZipLimits, extractEntry, readZipDirectory, writeZip } from './zip';

const limits: ZipLimits = { maxArchiveBytes: 10_000_000, maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 };

describe('zip writer and strict reader', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-zip-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const put = (name: string, bytes: Buffer) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, bytes);
    return p;
  };
  const dirOf = (bytes: Buffer, l: ZipLimits = limits) => readZipDirectory(put('t.zip', bytes), l);

  it('round-trips entries in memory (deflated) and from files (stored), byte for byte, and unzip agrees', async () => {
    const media = put('clip.bin', Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)));
    const zip = path.join(tmp, 'out.zip');
    const { sizeBytes } = await writeZip(zip, [{ name: 'manifest.json', data: Buffer.from('{"a":1}') }, { name: 'media/clip.bin', file: media }, { name: 'empty.txt', data: Buffer.alloc(0) }]);
    expect(fs.statSync(zip).size).toBe(sizeBytes);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.part'))).toEqual([]);
    const entries = await readZipDirectory(zip, limits);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([['manifest.json', 8, 7], ['media/clip.bin', 0, 70_000], ['empty.txt', 8, 0]]);
    const out = path.join(tmp, 'x');
    const r = await extractEntry(zip, entries[1]!, out);
    expect(fs.readFileSync(out).equals(fs.readFileSync(media))).toBe(true);
    expect(r.sha256).toBe(createHash('sha256').update(fs.readFileSync(media)).digest('hex'));
    await extractEntry(zip, entries[2]!, path.join(tmp, 'e'));
    expect(fs.readFileSync(path.join(tmp, 'e')).length).toBe(0);
  });

  it('refuses zip-slip names, symlinks, folders, encrypted and duplicate entries before reading any data', async () => {
    const d = Buffer.from('x');
    await expect(dirOf(rawZip([{ name: '../../evil.sh', data: d }]))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/climbs out of its folder.*Nothing was imported/) });
    await expect(dirOf(rawZip([{ name: '/etc/cron.d/evil', data: d }]))).rejects.toThrow(/absolute path/);
    await expect(dirOf(rawZip([{ name: 'media\\..\\..\\evil', data: d }]))).rejects.toThrow(/backslashes/);
    await expect(dirOf(rawZip([{ name: 'C:/evil.dll', data: d }]))).rejects.toThrow(/names a drive/);
    await expect(dirOf(rawZip([{ name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]))).rejects.toThrow(/not a regular file/);
    await expect(dirOf(rawZip([{ name: 'dir/', data: Buffer.alloc(0), mode: 0o40755 }]))).rejects.toThrow(/empty|folder|regular/);
    await expect(dirOf(rawZip([{ name: 'secret.png', data: d, flags: 1 }]))).rejects.toThrow(/encrypted/);
    await expect(dirOf(rawZip([{ name: 'a.png', data: d }, { name: 'A.PNG', data: d }]))).rejects.toThrow(/in it twice/);
    await expect(dirOf(rawZip([{ name: Buffer.from([0x66, 0xff, 0x2e, 0x70]), data: d }]))).rejects.toThrow(/not UTF-8/);
  });

  it('refuses too many entries, and declared sizes over the caps', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }));
    await expect(dirOf(rawZip(many))).rejects.toThrow(/holds 11 files; a kit holds at most 10/);
    await expect(dirOf(rawZip([{ name: 'big', data: Buffer.alloc(10), deflate: true, declaredSize: 1_500_000 }]))).rejects.toThrow(/unpacks to 2 MB; a file of a kit is at most 1 MB/);
    const parts = [0, 1, 2].map((i) => ({ name: `p${i}`, data: Buffer.alloc(10), deflate: true, declaredSize: 900_000 }));
    await expect(dirOf(rawZip(parts))).rejects.toThrow(/unpacks to more than 2 MB/);
    await expect(dirOf(Buffer.alloc(100), { ...limits, maxArchiveBytes: 50 })).rejects.toMatchObject({ code: 'too_large' });
    await expect(dirOf(Buffer.from('not a zip at all, just text'))).rejects.toThrow(/not a zip file/);
  });

  it('stops a bomb while it unpacks: more bytes than declared never reach the disk', async () => {
    // 5 MB of zeros deflates to ~5 kB; the header claims 1,000 bytes (and the crc of nothing in particular).
    const bomb = rawZip([{ name: 'bomb.png', data: Buffer.alloc(5_000_000), deflate: true, declaredSize: 1000, crc: 0 }]);
    const zip = put('bomb.zip', bomb);
    const [entry] = await readZipDirectory(zip, limits);
    const out = path.join(tmp, 'bomb.png');
    await expect(extractEntry(zip, entry!, out)).rejects.toThrow(/“bomb.png” unpacks to more than it declares/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses overlapping entries, a short entry and a wrong checksum', async () => {
    const d = Buffer.from('hello world');
    await expect(dirOf(rawZip([{ name: 'a', data: d }, { name: 'b', data: d, localOffsetOf: 0 }]))).rejects.toThrow(/“b” has two different names/);
    // A stored entry whose size runs over the next entry's header: two names sharing bytes.
    await expect(dirOf(rawZip([{ name: 'a', data: d, declaredSize: 40, crc: 0 }, { name: 'b', data: d }]))).rejects.toThrow(/its files overlap each other/);
    const zipShort = put('short.zip', rawZip([{ name: 'a', data: d, deflate: true, declaredSize: 20 }]));
    const [short] = await readZipDirectory(zipShort, limits);
    await expect(extractEntry(zipShort, short!, path.join(tmp, 's'))).rejects.toThrow(/shorter than it declares/);
    const zipCrc = put('crc.zip', rawZip([{ name: 'a', data: d, crc: 1234 }]));
    const [bad] = await readZipDirectory(zipCrc, limits);
    await expect(extractEntry(zipCrc, bad!, path.join(tmp, 'c'))).rejects.toThrow(/damaged \(checksum\)/);
    expect(fs.existsSync(path.join(tmp, 'c'))).toBe(false);
  });
});
