import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors';
import { MACHINE_KEY_BYTES, type SecretKeyProvider, writeKeyFileOnce } from '../studio';

/** What the key needs of Electron's safeStorage (passed in, so this file runs in tests without Electron). */
export interface KeyWrapper {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, a fixed password: no better than a 0600 file. */
  getSelectedStorageBackend?(): string;
}

/** `<userData>/keys/library-secret.key.enc`: the machine key wrapped by the OS keychain. */
export function wrappedKeyPath(userData: string): string {
  return path.join(userData, 'keys', 'library-secret.key.enc');
}

/**
 * The desktop app's machine key (docs/security.md): 32 random bytes wrapped with safeStorage (Keychain on macOS,
 * DPAPI on Windows, the Secret Service / KWallet on Linux), so a copy of the user's files without their login does
 * not hold it. Where no keychain is available (a Linux desktop without one) and none was ever used, the app uses
 * the same 0600 key file as `postframe serve` (`fallback`). A wrapped key that cannot be unwrapped now (keychain
 * locked or reset) is an error that says so, never a silent new key: that would make every signed head and sealed
 * secret look as if it came from another machine.
 */
export function keychainKeyProvider(userData: string, wrapper: KeyWrapper, fallback: SecretKeyProvider): SecretKeyProvider {
  const file = wrappedKeyPath(userData);
  const usable = () => wrapper.isEncryptionAvailable() && wrapper.getSelectedStorageBackend?.() !== 'basic_text';
  return async () => {
    const exists = await fs.stat(file).then(() => true, () => false);
    if (!exists) {
      if (!usable()) return fallback();
      await writeKeyFileOnce(file, wrapper.encryptString(randomBytes(MACHINE_KEY_BYTES).toString('base64')));
    }
    if (!wrapper.isEncryptionAvailable()) {
      throw new AppError('library_unavailable', `Postframe's key is locked in your system keychain, which is not available now. Unlock the keychain (log in to your desktop session), then start Postframe again.`);
    }
    let key: Buffer;
    try {
      key = Buffer.from(wrapper.decryptString(await fs.readFile(file)), 'base64');
    } catch {
      throw new AppError('library_unavailable', `Postframe's key in ${file} cannot be unlocked with this user's keychain (it was reset, or the file came from another computer). Restore the keychain, or move the file away to start with a new key: libraries then ask for their secrets again and their audit logs report the change of key.`);
    }
    if (key.length !== MACHINE_KEY_BYTES) throw new AppError('library_unavailable', `Postframe's key in ${file} is damaged. Move the file away to start with a new key.`);
    return key;
  };
}
