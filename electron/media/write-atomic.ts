import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';

/** Write to a unique temporary name, then rename: a crash never leaves half a file under the real name. */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
