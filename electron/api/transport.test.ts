import { describe, expect, it } from 'vitest';
import { attachmentDisposition, electronExportUrl, electronTextLayerUrl, hostExportPath, hostTextLayerPath } from './transport';

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
  });
});
