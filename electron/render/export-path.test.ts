import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freeExportPath, partPathFor } from './export';

describe('freeExportPath', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-export-path-'));
  afterEach(() => {
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  });

  it('keeps a free name, and numbers a taken one instead of writing over it', () => {
    const name = 'Trip-20261203-101010.mp4';
    expect(freeExportPath(dir, name)).toBe(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name), 'first export');
    expect(freeExportPath(dir, name)).toBe(path.join(dir, 'Trip-20261203-101010-2.mp4'));
    // An export still being written (only its part file exists) holds its name too.
    fs.writeFileSync(partPathFor(path.join(dir, 'Trip-20261203-101010-2.mp4')), '');
    expect(freeExportPath(dir, name)).toBe(path.join(dir, 'Trip-20261203-101010-3.mp4'));
  });
});
