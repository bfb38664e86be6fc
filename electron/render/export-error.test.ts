import { describe, expect, it } from 'vitest';
import { exportError } from './export';

describe('exportError', () => {
  it("joins ffmpeg's words into one sentence: never two punctuation marks in a row", () => {
    const e = exportError('Conversion failed!', '/tmp/out/video.mp4');
    expect(e.code).toBe('unsupported_media');
    expect(e.message).toBe("The export failed: Conversion failed. Check that the draft's media still plays in the library, then export again.");
    for (const detail of ['Invalid argument.', 'Error opening output files:', 'Something odd!!', 'No such file or directory.']) {
      expect(exportError(detail, '/tmp/out/video.mp4').message, detail).not.toMatch(/[.!:;]\s*[.!:;)]/u);
    }
  });

  it('says what to do for a full disk, a folder it cannot write and a missing file', () => {
    expect(exportError('No space left on device', '/tmp/out/video.mp4').message).toMatch(/disk is full.*\/tmp\/out/);
    expect(exportError('Permission denied', '/tmp/out/video.mp4').message).toMatch(/cannot write to \/tmp\/out/);
    expect(exportError('clip.mp4: No such file or directory.', '/tmp/out/video.mp4').message).toBe(
      'A file this draft uses is missing (clip.mp4: No such file or directory). Put the media back or remove its clip, then export again.',
    );
  });
});
