import { describe, expect, it } from 'vitest';
import { PhotoEdit } from '../../../../electron/model/image-draft';
import { photoRequest, photoRequestKey } from './photoRequest';

const edit = PhotoEdit.parse({});

describe('photoRequest', () => {
  it('asks for the export-size frame and a bitmap at the on-screen size', () => {
    const r = photoRequest('a1', edit, { width: 540.4, height: 675.6 }, 0.5);
    expect(r.frame).toEqual({ width: 540, height: 676 });
    expect(r).toMatchObject({ width: 270, height: 338 });
  });
  it('never asks for more pixels than the frame, nor more than 4096 on a side', () => {
    expect(photoRequest('a1', edit, { width: 300, height: 200 }, 3)).toMatchObject({ width: 300, height: 200 });
    const big = photoRequest('a1', edit, { width: 20000, height: 1350 }, 2);
    expect(big.width).toBeLessThanOrEqual(4096);
    expect(big.frame.width).toBe(20000);
  });
  it('keeps a tiny box at least one pixel and a huge one within the API limit', () => {
    expect(photoRequest('a1', edit, { width: 0.2, height: 0.4 }, 1)).toMatchObject({ width: 1, height: 1, frame: { width: 1, height: 1 } });
    expect(photoRequest('a1', edit, { width: 40000, height: 40000 }, 1).frame).toEqual({ width: 32768, height: 32768 });
  });
  it('a small change of zoom asks for the same picture (quarter steps)', () => {
    const a = photoRequest('a1', edit, { width: 800, height: 800 }, 0.51);
    const b = photoRequest('a1', edit, { width: 800, height: 800 }, 0.74);
    expect(photoRequestKey(a)).toBe(photoRequestKey(b));
  });
  it('a different edit is a different picture', () => {
    const a = photoRequest('a1', edit, { width: 800, height: 800 }, 1);
    const b = photoRequest('a1', { ...edit, adjust: { ...edit.adjust, exposure: 0.2 } }, { width: 800, height: 800 }, 1);
    expect(photoRequestKey(a)).not.toBe(photoRequestKey(b));
  });
});
