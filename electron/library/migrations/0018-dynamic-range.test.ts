import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetsRepo } from '../assets-repo';
import { type Db, migrate, openDatabase } from '../db';
import { migrations } from './index';
import { m0018 } from './0018-dynamic-range';

const V = m0018.version;
const facts = { durationSec: 2, width: 1080, height: 1920, rotation: 0, fps: 30, videoCodec: 'hevc', audioCodec: null, hasAudio: false, createdAt: null, format: 'mov' };
const asset = (sha: string, dynamicRange?: 'sdr' | 'hlg' | 'pq') => ({
  sha256: sha.repeat(64), kind: 'video' as const, name: sha, originalName: `${sha}.mov`, ext: 'mov', sizeBytes: 1, facts: { ...facts, ...(dynamicRange ? { dynamicRange } : {}) }, hasThumbnail: false, hasPoster: false, hasWaveform: false,
});

describe('migration 0018 (a video’s dynamic range, files made again)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('leaves assets from before unknown (no dynamicRange); keeps, reads and sets it after', () => {
    db.prepare(`INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, rotation, has_audio, imported_at) VALUES ('old', ?, 'video', 'old', 'old.mov', 'mov', 1, 0, 0, '2026-01-01')`).run('a'.repeat(64));
    expect(migrate(db, migrations, V)).toBe(V);
    const repo = new AssetsRepo(db);
    expect(repo.get('old')!.facts).not.toHaveProperty('dynamicRange');
    expect(repo.setDynamicRange('old', 'hlg')).toBe(true);
    expect(repo.get('old')!.facts.dynamicRange).toBe('hlg');
    expect(repo.setDynamicRange('gone', 'sdr')).toBe(false);
    expect(repo.insert(asset('b', 'pq')).facts.dynamicRange).toBe('pq');
    expect(repo.insert(asset('c')).facts).not.toHaveProperty('dynamicRange');
  });

  it('counts files made again (mediaRev), absent until the first', () => {
    migrate(db, migrations, V);
    const repo = new AssetsRepo(db);
    const { id } = repo.insert(asset('e', 'sdr'));
    expect(repo.get(id)).not.toHaveProperty('mediaRev');
    expect(repo.bumpMediaRev(id)).toBe(true);
    expect(repo.bumpMediaRev(id)).toBe(true);
    expect(repo.get(id)!.mediaRev).toBe(2);
    expect(repo.list({ query: '', kind: null, tag: null, trashed: false, sort: 'imported', order: 'asc', offset: 0, limit: 5 }).items[0]!.mediaRev).toBe(2);
    expect(repo.bumpMediaRev('gone')).toBe(false);
  });

  it('refuses a value that is not a dynamic range', () => {
    migrate(db, migrations, V);
    const repo = new AssetsRepo(db);
    const { id } = repo.insert(asset('d', 'sdr'));
    expect(() => db.prepare('UPDATE assets SET dynamic_range = ? WHERE id = ?').run('hdr10', id)).toThrow(/CHECK/);
  });
});
