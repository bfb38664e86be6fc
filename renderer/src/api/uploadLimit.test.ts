import { describe, expect, it } from 'vitest';
import { splitByUploadLimit } from './uploadLimit';

const item = (name: string, size: number) => ({ file: { name, size }, relativePath: `clips/${name}` });

describe('splitByUploadLimit', () => {
  it('keeps files up to the limit and refuses bigger ones with the size, the limit and the fix', () => {
    const { fit, refused } = splitByUploadLimit([item('a.mp4', 5e9), item('b.mov', 6.2e9), item('c.jpg', 10)], 5e9);
    expect(fit.map((f) => f.file.name)).toEqual(['a.mp4', 'c.jpg']);
    expect(refused).toEqual([
      {
        path: 'clips/b.mov',
        reason: 'b.mov is 6.2 GB, larger than the 5 GB Postframe accepts for one file. Trim or compress it first, or ask whoever started Postframe to raise the limit (postframe serve --max-upload-mb N).',
      },
    ]);
  });
});
