import { describe, expect, it } from 'vitest';
import {
  afterChunk,
  classifyTake,
  containerOf,
  decideChunk,
  estimatedSeconds,
  RECORDING_STALE_MS,
  RecordingManifest,
  recordingName,
} from './recording';

const manifest = (over: Partial<RecordingManifest> = {}): RecordingManifest =>
  RecordingManifest.parse({
    version: 1,
    id: 'take-1',
    kind: 'camera',
    name: 'Camera 2026-01-02 03.04.05',
    mimeType: 'video/webm;codecs=vp8,opus',
    container: 'webm',
    fps: 30,
    timesliceMs: 1000,
    state: 'recording',
    nextSeq: 0,
    bytes: 0,
    durationMs: null,
    voiceover: null,
    assetId: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...over,
  });

describe('chunk intake', () => {
  it('takes chunks in order, each at the end of what was taken', () => {
    let m = manifest();
    const sizes = [100, 250, 75];
    for (const [seq, size] of sizes.entries()) {
      const d = decideChunk(m, seq);
      expect(d).toEqual({ action: 'append', offset: m.bytes });
      m = afterChunk(m, size, new Date('2026-01-02T03:04:06Z'));
    }
    expect(m.nextSeq).toBe(3);
    expect(m.bytes).toBe(425);
    expect(m.updatedAt).toBe('2026-01-02T03:04:06.000Z');
  });

  it('answers a chunk it already took (a retry) as a duplicate, writing nothing', () => {
    const m = manifest({ nextSeq: 3, bytes: 900 });
    expect(decideChunk(m, 2)).toEqual({ action: 'duplicate', nextSeq: 3 });
    expect(decideChunk(m, 0)).toEqual({ action: 'duplicate', nextSeq: 3 });
  });

  it('refuses a chunk from the future with the number it expects, so the recorder resends from there', () => {
    const m = manifest({ nextSeq: 3, bytes: 900 });
    expect(decideChunk(m, 4)).toEqual({ action: 'gap', expected: 3 });
    expect(decideChunk(m, 1.5)).toEqual({ action: 'gap', expected: 3 });
    expect(decideChunk(m, -1)).toEqual({ action: 'gap', expected: 3 });
  });

  it('takes nothing once the take has stopped', () => {
    for (const state of ['stopped', 'done'] as const) {
      const d = decideChunk(manifest({ state, nextSeq: 2, bytes: 10 }), 2);
      expect(d.action).toBe('closed');
    }
  });
});

describe('interrupted takes', () => {
  const now = Date.parse('2026-01-02T03:05:00Z');

  it('offers a take with media that nobody is sending to', () => {
    expect(classifyTake(manifest({ bytes: 10 }), { now, finalizing: false, lastSeenAt: null })).toBe('interrupted');
    expect(classifyTake(manifest({ bytes: 10 }), { now, finalizing: false, lastSeenAt: now - RECORDING_STALE_MS })).toBe('interrupted');
  });

  it('leaves alone a take whose recorder is still sending, or that is being saved', () => {
    expect(classifyTake(manifest({ bytes: 10 }), { now, finalizing: false, lastSeenAt: now - 1000 })).toBe('busy');
    expect(classifyTake(manifest({ bytes: 0 }), { now, finalizing: false, lastSeenAt: now - 1000 })).toBe('busy');
    expect(classifyTake(manifest({ state: 'stopped', bytes: 10 }), { now, finalizing: true, lastSeenAt: null })).toBe('busy');
  });

  it('offers a stopped take whose save never finished (crash or failure)', () => {
    expect(classifyTake(manifest({ state: 'stopped', bytes: 10 }), { now, finalizing: false, lastSeenAt: null })).toBe('interrupted');
  });

  it('cleans up what holds nothing, or was imported before its folder could be removed', () => {
    expect(classifyTake(manifest({ bytes: 0 }), { now, finalizing: false, lastSeenAt: null })).toBe('cleanup');
    // …but not a take another process has only just started.
    expect(classifyTake(manifest({ bytes: 0, updatedAt: new Date(now - 2000).toISOString() }), { now, finalizing: false, lastSeenAt: null })).toBe('busy');
    expect(classifyTake(manifest({ state: 'done', bytes: 10, assetId: 'a1' }), { now, finalizing: false, lastSeenAt: now })).toBe('cleanup');
  });

  it('estimates the length from the recorder, else from the chunks taken', () => {
    expect(estimatedSeconds(manifest({ nextSeq: 7 }))).toBe(7);
    expect(estimatedSeconds(manifest({ nextSeq: 7, timesliceMs: 500 }))).toBe(3.5);
    expect(estimatedSeconds(manifest({ nextSeq: 7, durationMs: 6400 }))).toBe(6.4);
  });
});

describe('names and formats', () => {
  it('knows the containers MediaRecorder writes', () => {
    expect(containerOf('video/webm;codecs=vp8,opus')).toBe('webm');
    expect(containerOf('audio/webm;codecs=opus')).toBe('webm');
    expect(containerOf('video/mp4;codecs=avc1,mp4a')).toBe('mp4');
    expect(containerOf('video/x-matroska')).toBeNull();
  });

  it('names a take by what it is and when it started', () => {
    expect(recordingName('Camera', new Date(2026, 0, 2, 3, 4, 5))).toBe('Camera 2026-01-02 03.04.05');
  });
});
