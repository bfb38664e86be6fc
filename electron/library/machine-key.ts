import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors';
import { MACHINE_KEY_BYTES } from './secret-crypto';

/**
 * Where the machine key comes from: a function so the Electron app can unwrap it from the OS keychain
 * (safeStorage) while `postframe serve` and the CLI read a 0600 file. Called once per library opened.
 */
export type SecretKeyProvider = () => Promise<Buffer>;

/** `<settingsDir>/keys/library-secret.key`: the serve/CLI key file. */
export function keyFilePath(settingsDir: string): string {
  return path.join(settingsDir, 'keys', 'library-secret.key');
}

/**
 * The key file, created on first need (32 random bytes, folder 0700, file 0600). On POSIX a key file others may
 * read is refused: anyone who can read it can re-sign a tampered audit log and read the library's secrets.
 */
export function fileKeyProvider(settingsDir: string, platform: NodeJS.Platform = process.platform): SecretKeyProvider {
  const file = keyFilePath(settingsDir);
  return async () => {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    if (!(await fs.stat(file).catch(() => null))) await writeKeyFileOnce(file, randomBytes(MACHINE_KEY_BYTES));
    if (platform !== 'win32') {
      const mode = (await fs.stat(file)).mode & 0o777;
      if (mode & 0o077) {
        throw new AppError(
          'library_unavailable',
          `The key file ${file} can be read by other users (mode ${mode.toString(8)}). Make it private with: chmod 600 "${file}" (and chmod 700 "${path.dirname(file)}"), then try again.`,
        );
      }
    }
    const key = await fs.readFile(file);
    if (key.length !== MACHINE_KEY_BYTES) {
      throw new AppError('library_unavailable', `The key file ${file} is damaged (${key.length} bytes, not ${MACHINE_KEY_BYTES}). Restore it from a backup of this folder; a new key cannot check what the old one signed.`);
    }
    return key;
  };
}

/**
 * A key file (plain or wrapped) written whole under a temporary name, then linked into place, mode 0600: link
 * fails if one is there already, so two processes starting at once end up with the same key and neither ever
 * reads a half-written one. The loser's bytes are dropped; everyone reads the file after this.
 */
export async function writeKeyFileOnce(file: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
  try {
    await fs.link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
