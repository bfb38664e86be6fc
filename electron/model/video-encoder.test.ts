import { describe, expect, it } from 'vitest';
import { encoderArgs, encoderFilters, encoderGlobalArgs, encoderPixFmt, HARDWARE_ENCODERS, listedHardwareEncoders } from './video-encoder';

describe('video encoders', () => {
  it('reads hardware encoder names from an -encoders listing, in trial order, ignoring the rest', () => {
    const listing = [
      'Encoders:',
      ' V..... = Video',
      ' ------',
      ' V....D libx264              libx264 H.264',
      ' V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)',
      ' V..... h264_qsv             H.264 (Intel Quick Sync Video acceleration) (codec h264)',
      ' V....D hevc_nvenc           NVIDIA NVENC hevc encoder (codec hevc)',
      ' A....D h264_nvenc_fake      not video',
    ].join('\n');
    expect(listedHardwareEncoders(listing)).toEqual(['h264_vaapi', 'h264_qsv']);
    expect(listedHardwareEncoders('')).toEqual([]);
  });

  it('libx264 keeps the CRF and the one-second VBV cap of the exports', () => {
    expect(encoderArgs('libx264', 20, null)).toEqual(['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20']);
    expect(encoderArgs('libx264', 18, 2500)).toEqual(['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-maxrate', '2500k', '-bufsize', '2500k']);
    expect([encoderGlobalArgs('libx264'), encoderFilters('libx264'), encoderPixFmt('libx264')]).toEqual([[], [], ['-pix_fmt', 'yuv420p']]);
  });

  it('every hardware encoder names itself, and honours a bitrate cap', () => {
    for (const e of HARDWARE_ENCODERS) {
      const args = encoderArgs(e, 20, 3000);
      expect(args.slice(0, 2)).toEqual(['-c:v', e]);
      expect(args).toContain('3000k');
    }
  });

  it('VAAPI opens its device and uploads frames; CQP without a cap, VBR at the cap with one', () => {
    expect(encoderGlobalArgs('h264_vaapi')).toEqual(['-vaapi_device', '/dev/dri/renderD128']);
    expect(encoderFilters('h264_vaapi')).toEqual(['format=nv12', 'hwupload']);
    expect(encoderPixFmt('h264_vaapi')).toEqual([]);
    expect(encoderArgs('h264_vaapi', 20, null)).toEqual(['-c:v', 'h264_vaapi', '-rc_mode', 'CQP', '-qp', '20']);
    expect(encoderArgs('h264_vaapi', 20, 800)).toContain('VBR');
  });

  it('VideoToolbox quality rises as the CRF falls, within 1..100', () => {
    const q = (crf: number) => Number(encoderArgs('h264_videotoolbox', crf, null).at(-1));
    expect(q(18)).toBeGreaterThan(q(24));
    expect(q(0)).toBeLessThanOrEqual(100);
    expect(q(60)).toBeGreaterThanOrEqual(1);
  });
});
