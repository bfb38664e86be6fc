import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES } from '../model/recording';
import { attachmentDisposition, electronExportUrl, electronTextLayerUrl, hostChunkPath, hostExportPath, hostTextLayerPath } from './transport';
import { parseChunkArgs, parseChunkPath } from './chunks';

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Summer ä.mp4')).toBe(`attachment; filename="Summer _.mp4"; filename*=UTF-8''Summer%20%C3%A4.mp4`);
  });

  it('never lets quotes or backslashes end the quoted fallback', () => {
    expect(attachmentDisposition('a"b\\c.mp4')).toBe(`attachment; filename="a_b_c.mp4"; filename*=UTF-8''a%22b%5Cc.mp4`);
    expect(attachmentDisposition("it's (1)*.mp4")).toBe(`attachment; filename="it's (1)*.mp4"; filename*=UTF-8''it%27s%20%281%29%2A.mp4`);
  });
});

describe('byte URLs', () => {
  it('encodes ids so they stay one path segment', () => {
    expect(hostTextLayerPath('ab12')).toBe('/text/ab12.png');
    expect(electronTextLayerUrl('ab12')).toBe('media://text/ab12.png');
    expect(hostExportPath('a/b')).toBe('/exports/a%2Fb');
    expect(electronExportUrl('job-1')).toBe('media://export/job-1');
    expect(hostExportPath('job-1', 2)).toBe('/exports/job-1/output-2');
    expect(electronExportUrl('job-1', 0)).toBe('media://export/job-1/0');
  });
});

describe('recording chunks', () => {
  it('round-trips a chunk address and refuses anything that is not one', () => {
    expect(parseChunkPath(hostChunkPath('take-1', 12))).toEqual({ id: 'take-1', seq: 12 });
    for (const bad of ['/recordings/take-1/chunks/-1', '/recordings/take-1/chunks/1.5', '/recordings/../chunks/1', '/recordings/a%2Fb/chunks/1', '/recordings/take-1/chunks/', '/recordings/take-1/chunks/1/x']) {
      expect(parseChunkPath(bad), bad).toBeNull();
    }
  });

  it('checks what comes over IPC before it touches the disk', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(parseChunkArgs('take-1', 0, data)).toEqual({ id: 'take-1', seq: 0, data });
    expect(parseChunkArgs('take-1', 2, data.buffer)?.data).toEqual(data);
    expect(parseChunkArgs('../etc', 0, data)).toBeNull();
    expect(parseChunkArgs('take-1', 1.5, data)).toBeNull();
    expect(parseChunkArgs('take-1', '1', data)).toBeNull();
    expect(parseChunkArgs('take-1', 0, 'bytes')).toBeNull();
    expect(parseChunkArgs('take-1', 0, new Uint8Array(MAX_CHUNK_BYTES + 1))).toBeNull();
  });
});
