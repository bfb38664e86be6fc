import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPLOAD_BYTES, formatBytes, uploadTooLargeMessage } from './upload';

describe('formatBytes', () => {
  it('uses decimal units with at most one decimal', () => {
    expect([0, 999, 1000, 64_000, 1_500_000, 5e9, 4_294_967_295, 123_400_000].map(formatBytes)).toEqual([
      '0 bytes',
      '999 bytes',
      '1 KB',
      '64 KB',
      '1.5 MB',
      '5 GB',
      '4.3 GB',
      '123 MB',
    ]);
  });
});

describe('uploadTooLargeMessage', () => {
  it('names the file, its size when known, the limit and the fix', () => {
    expect(uploadTooLargeMessage('a.mov', DEFAULT_MAX_UPLOAD_BYTES, 6.2e9)).toBe(
      'a.mov is 6.2 GB, larger than the 5 GB Postframe accepts for one file. Trim or compress it first, or ask whoever started Postframe to raise the limit (postframe serve --max-upload-mb N).',
    );
    expect(uploadTooLargeMessage('b.mp4', 1e6, null)).toMatch(/^b\.mp4 is larger than the 1 MB Postframe accepts/);
  });

  it('the default takes a FAT32-sized piece of a camera recording (4 GiB - 1 byte)', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBeGreaterThan(4 * 1024 ** 3 - 1);
  });
});
