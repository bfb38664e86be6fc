import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeyProvider } from '../studio';
import { type KeyWrapper, keychainKeyProvider, wrappedKeyPath } from './keychain-key';

/** safeStorage's contract, kept in memory: what it wraps only the same "keychain" unwraps. */
function fakeKeychain(secret: string, available = true, backend = 'gnome_libsecret'): KeyWrapper & { available: boolean } {
  const mask = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ secret.charCodeAt(i % secret.length)));
  const w = {
    available,
    isEncryptionAvailable: () => w.available,
    encryptString: (text: string) => Buffer.concat([Buffer.from('KC:'), mask(Buffer.from(text))]),
    decryptString: (data: Buffer) => {
      if (!data.subarray(0, 3).equals(Buffer.from('KC:'))) throw new Error('not ours');
      const text = mask(data.subarray(3)).toString();
      if (!/^[A-Za-z0-9+/=]+$/.test(text)) throw new Error('wrong keychain');
      return text;
    },
    getSelectedStorageBackend: () => backend,
  };
  return w;
}

describe('the desktop app key (keychain-wrapped)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-keychain-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('wraps 32 random bytes once and unwraps the same key afterwards; the file holds no plain key', async () => {
    const kc = fakeKeychain('login-secret');
    const key = await keychainKeyProvider(dir, kc, fileKeyProvider(dir))();
    expect(key.length).toBe(32);
    expect((await keychainKeyProvider(dir, kc, fileKeyProvider(dir))()).equals(key)).toBe(true);
    const stored = fs.readFileSync(wrappedKeyPath(dir));
    expect(stored.includes(key)).toBe(false);
    expect(stored.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(fs.statSync(wrappedKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir, 'keys', 'library-secret.key'))).toBe(false);
  });

  it('uses the 0600 key file where there is no keychain (or only Linux basic_text), as serve does', async () => {
    const none = await keychainKeyProvider(dir, fakeKeychain('x', false), fileKeyProvider(dir))();
    expect(none.equals(fs.readFileSync(path.join(dir, 'keys', 'library-secret.key')))).toBe(true);
    expect((await keychainKeyProvider(dir, fakeKeychain('x', true, 'basic_text'), fileKeyProvider(dir))()).equals(none)).toBe(true);
    expect(fs.existsSync(wrappedKeyPath(dir))).toBe(false);
  });

  it('says what to do when the wrapped key cannot be unwrapped, never making a new one silently', async () => {
    const kc = fakeKeychain('login-secret');
    await keychainKeyProvider(dir, kc, fileKeyProvider(dir))();
    kc.available = false;
    await expect(keychainKeyProvider(dir, kc, fileKeyProvider(dir))()).rejects.toThrow(/Unlock the keychain/);
    await expect(keychainKeyProvider(dir, fakeKeychain('another-user'), fileKeyProvider(dir))()).rejects.toThrow(/cannot be unlocked with this user's keychain/);
    expect(fs.existsSync(path.join(dir, 'keys', 'library-secret.key'))).toBe(false);
  });
});
