import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifDate } from './exif';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
/** EXIF dates carry no zone: the expected value is the same wall time read as local. */
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(y, mo - 1, d, h, mi, s).toISOString();

describe('exifDate', () => {
  it('takes the last well-formed date (DateTimeOriginal follows DateTime)', () => {
    const exif = bytes('Exif\0\0MM\0*', [0, 0, 0, 8, 0xff, 0x01], '2023:01:02 03:04:05\0', [0x90, 0x03, 0, 2], '2020:07:14 18:30:00\0');
    expect(exifDate(exif)).toBe(local(2020, 7, 14, 18, 30, 0));
  });

  it('skips blank and impossible dates that cameras write', () => {
    expect(exifDate(bytes('2021:05:06 07:08:09\0', '0000:00:00 00:00:00\0'))).toBe(local(2021, 5, 6, 7, 8, 9));
    expect(exifDate(bytes('2021:05:06 07:08:09\0', '2022:13:01 00:00:00\0'))).toBe(local(2021, 5, 6, 7, 8, 9));
    expect(exifDate(bytes('2021:05:06 07:08:09\0', '2022:01:01 24:00:00\0'))).toBe(local(2021, 5, 6, 7, 8, 9));
    expect(exifDate(bytes('2021:05:06 07:08:09\0', '1970:01:01 00:00:00\0'))).toBe(local(2021, 5, 6, 7, 8, 9));
    expect(exifDate(bytes('1904:01:01 00:00:00\0'))).toBeNull();
  });

  it('returns null without a date', () => {
    expect(exifDate(new Uint8Array(0))).toBeNull();
    expect(exifDate(bytes('Exif\0\0II*\0', [8, 0, 0, 0], '2021-05-06 07:08:09'))).toBeNull();
  });

  it('reads only the bytes of the view it is given', () => {
    const whole = Buffer.from('2019:09:09 09:09:09\0....EXIF BLOCK WITHOUT DATE....', 'latin1');
    expect(exifDate(new Uint8Array(whole.buffer, whole.byteOffset + 20, whole.length - 20))).toBeNull();
    expect(exifDate(new Uint8Array(whole.buffer, whole.byteOffset, whole.length))).toBe(local(2019, 9, 9, 9, 9, 9));
  });

  it('finds DateTimeOriginal in the EXIF block of a real JPEG', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .jpeg()
      .withExif({ IFD0: { DateTime: '2024:02:03 04:05:06', Make: 'Test' }, IFD2: { DateTimeOriginal: '2023:12:24 18:00:00' } })
      .toBuffer();
    const { exif } = await sharp(jpeg).metadata();
    expect(exif).toBeDefined();
    expect(exifDate(exif!)).toBe(local(2023, 12, 24, 18, 0, 0));
  });
});
