import { describe, expect, it } from 'vitest';
import { firstClusterOffset, isClusterStart, lastClusterOffset, lastPacketEnd, vintLength } from './matroska-tail';

// A cluster start: ID 1F43B675, an unknown size (live stream), then its timestamp element E7 with 2 bytes.
const cluster = [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe7, 0x82, 0x03, 0xe8];
const ebml = [0x1a, 0x45, 0xdf, 0xa3, 0x9f];

describe('matroska tail', () => {
  it('reads EBML size lengths', () => {
    expect(vintLength(Uint8Array.from([0x81]), 0)).toBe(1);
    expect(vintLength(Uint8Array.from([0x40, 0x01]), 0)).toBe(2);
    expect(vintLength(Uint8Array.from([0x01, 0xff]), 0)).toBeNull(); // 8 bytes needed, 2 there
    expect(vintLength(Uint8Array.from([0x00]), 0)).toBeNull();
  });

  it('finds real cluster starts and not look-alikes in frame data', () => {
    const bytes = Uint8Array.from([...ebml, 0, 0, ...cluster, 9, 9, 0x1f, 0x43, 0xb6, 0x75, 0x81, 0x00, ...cluster, 1, 2, 3]);
    expect(isClusterStart(bytes, 7)).toBe(true);
    expect(firstClusterOffset(bytes)).toBe(7);
    // The look-alike at 25 has no timestamp after its size: the last real one is at 31.
    expect(isClusterStart(bytes, 25)).toBe(false);
    expect(lastClusterOffset(bytes)).toBe(31);
    expect(firstClusterOffset(Uint8Array.from([0, 0, 0, 0, ...cluster]))).toBeNull(); // not EBML at all
    expect(lastClusterOffset(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBeNull();
  });

  it('takes the end of the last packet from ffprobe csv, skipping what is not a packet', () => {
    expect(lastPacketEnd('0.000000,0.033000\n19.974000,0.020000\n19.994000,0.020000,\n\n')).toBeCloseTo(20.014, 6);
    expect(lastPacketEnd('5.000000,N/A\n4.900000,0.040000\n')).toBe(5);
    expect(lastPacketEnd('N/A,N/A\n')).toBeNull();
    expect(lastPacketEnd('')).toBeNull();
  });
});
