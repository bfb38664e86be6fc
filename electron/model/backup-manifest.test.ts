import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BackupEntryKind, type BackupHeader, type BackupManifest, manifestProblem, unsafeBackupEntry } from './backup-manifest';
import { parseTarHeader, tarHeader } from '../library/tar';

const SHA = 'ab'.padEnd(64, '0');
const header: BackupHeader = { format: 'postframe-backup', version: 1, generator: 't', createdAt: '2026-01-01T00:00:00.000Z', schemaVersion: 12, libraryName: 'x' };

describe('backup entry names', () => {
  it('accepts only the library’s own places, with the shard matching the hash', () => {
    expect(unsafeBackupEntry('library.sqlite', 'database')).toBeNull();
    expect(unsafeBackupEntry(`media/ab/${SHA}.mp4`, 'media')).toBeNull();
    expect(unsafeBackupEntry(`fonts/ab/${SHA}.ttf`, 'font')).toBeNull();
    expect(unsafeBackupEntry(`cache/thumbs/ab/${SHA}.webp`, 'cache')).toBeNull();
    expect(unsafeBackupEntry(`cache/reversed/ab/${SHA}.mp4`, 'cache')).toBeNull();
    expect(unsafeBackupEntry(`cache/reversed-proxies/ab/${SHA}.mp4`, 'cache')).toBeNull();
    expect(unsafeBackupEntry(`cache/reversed-proxies/cd/${SHA}.mp4`, 'cache')).toMatch(/wrong folder for its hash/);
    expect(unsafeBackupEntry(`luts/ab/${SHA}.cube`, 'look')).toBeNull();
    expect(unsafeBackupEntry(`luts/ab/${SHA}.cube.sh`, 'look')).toMatch(/not where a library keeps its imported looks/);
    expect(unsafeBackupEntry(`luts/cd/${SHA}.cube`, 'look')).toMatch(/wrong folder for its hash/);
    expect(unsafeBackupEntry(`media/cd/${SHA}.mp4`, 'media')).toMatch(/wrong folder for its hash/);
    expect(unsafeBackupEntry(`media/ab/../../${SHA}`, 'media')).toMatch(/climbs out/);
    expect(unsafeBackupEntry(`cache/text/ab/${SHA}.png`, 'cache')).toMatch(/not where a library keeps/);
    expect(unsafeBackupEntry(`fonts/ab/${SHA}.woff2`, 'font')).toMatch(/not where a library keeps/);
  });

  it('never accepts a name that resolves outside the folder it is unpacked into', () => {
    const kinds: BackupEntryKind[] = ['database', 'media', 'font', 'cache'];
    const segment = fc.constantFrom('..', '.', '', 'media', 'ab', 'cache', 'thumbs', `${SHA}.mp4`, '/', '\\', 'C:', '%2e%2e');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(segment, { maxLength: 6 }).map((s) => s.join('/'))), fc.constantFrom(...kinds), (name, kind) => {
        if (unsafeBackupEntry(name, kind) !== null) return;
        const root = path.resolve('/restore/root');
        const dest = path.resolve(root, ...name.split('/'));
        expect(dest.startsWith(root + path.sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('manifest against the archive', () => {
  const manifest: BackupManifest = { ...header, entries: [{ path: 'library.sqlite', kind: 'database', sizeBytes: 10, sha256: SHA }, { path: `media/ab/${SHA}.png`, kind: 'media', sizeBytes: 5, sha256: SHA }] };
  const archive = [{ name: 'postframe-backup.json', size: 1 }, { name: 'library.sqlite', size: 10 }, { name: `media/ab/${SHA}.png`, size: 5 }, { name: 'manifest.json', size: 1 }];
  it('agrees when every listed file is there once with its size, and says what is wrong otherwise', () => {
    expect(manifestProblem(manifest, header, archive)).toBeNull();
    expect(manifestProblem(manifest, header, archive.filter((a) => !a.name.startsWith('media')))).toMatch(/is missing/);
    expect(manifestProblem(manifest, header, [...archive, { name: `media/ab/${SHA}.jpg`, size: 1 }])).toMatch(/not in its manifest/);
    expect(manifestProblem(manifest, header, archive.map((a) => (a.name === 'library.sqlite' ? { ...a, size: 11 } : a)))).toMatch(/its manifest says 10/);
    expect(manifestProblem({ ...manifest, schemaVersion: 3 }, header, archive)).toMatch(/does not match its header/);
    expect(manifestProblem({ ...manifest, entries: manifest.entries.slice(1) }, header, archive.filter((a) => a.name !== 'library.sqlite'))).toMatch(/no library database/);
  });
});

describe('tar headers', () => {
  it('round-trips names and sizes, octal and base-256 past 8 GiB, and refuses a damaged checksum', () => {
    for (const size of [0, 1, 511, 512, 0o77777777777, 0o77777777777 + 1, 3 * 1024 ** 4]) {
      expect(parseTarHeader(tarHeader(`media/ab/${SHA}.mp4`, size, 1_700_000_000))).toEqual({ name: `media/ab/${SHA}.mp4`, size });
    }
    const h = tarHeader('library.sqlite', 10, 0);
    h[0] = 'L'.charCodeAt(0);
    expect(() => parseTarHeader(h)).toThrow(/checksum/);
    expect(parseTarHeader(Buffer.alloc(512))).toBe('end');
    expect(() => tarHeader('x'.repeat(101), 1, 0)).toThrow(/does not fit/);
  });
});
