import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePath, hostOsOf, HostOs } from './host-os';

describe('host OS and its example paths', () => {
  it('maps Node platforms', () => {
    expect(hostOsOf('darwin')).toBe('mac');
    expect(hostOsOf('win32')).toBe('windows');
    expect(hostOsOf('linux')).toBe('linux');
    expect(hostOsOf('freebsd')).toBe('linux');
  });
  it('gives full paths in each system\'s own form, and no macOS path elsewhere', () => {
    for (const os of HostOs.options) {
      for (const kind of ['library', 'deliveries'] as const) {
        const p = examplePath(os, kind);
        expect(os === 'windows' ? path.win32.isAbsolute(p) && /^[A-Z]:\\/.test(p) : path.posix.isAbsolute(p)).toBe(true);
        if (os !== 'mac') expect(p).not.toMatch(/^\/Users\//);
        if (os === 'linux') expect(p).toMatch(/^\/home\//);
      }
    }
  });
});
