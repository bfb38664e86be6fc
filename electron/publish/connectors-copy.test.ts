import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { examplePath, hostOsOf } from '../model/host-os';
import { checkFolderRoot } from './connectors';

describe('delivery folder messages', () => {
  const example = examplePath(hostOsOf(process.platform), 'deliveries');
  it('give an example path of this machine\'s kind, not a macOS path everywhere', async () => {
    await expect(checkFolderRoot('  ', os.tmpdir())).rejects.toThrow(`e.g. ${example}.`);
    await expect(checkFolderRoot('relative/path', os.tmpdir())).rejects.toThrow(`(e.g. ${example})`);
    if (process.platform !== 'darwin') await expect(checkFolderRoot('relative/path', os.tmpdir())).rejects.not.toThrow(/\/Users\//);
  });
});
