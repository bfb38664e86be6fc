import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The machine key's three uses, each under its own derived key so one use can never stand in for another:
 * naming the key (a fingerprint safe to store and show), signing the audit head (HMAC-SHA256), and sealing
 * secrets (AES-256-GCM). Pure: the key comes from library/machine-key.ts (a file) or Electron's keychain.
 */
export const MACHINE_KEY_BYTES = 32;

export type MachineKey = { readonly key: Buffer; readonly keyId: string };

const derive = (key: Buffer, purpose: string) => createHmac('sha256', key).update(`postframe:${purpose}:v1`).digest();

/** The host's page-key secret (host/auth.ts): stable across restarts of `postframe serve` on this machine. */
export function hostKeySecret(k: MachineKey): Buffer {
  return derive(k.key, 'host-page-keys');
}

/** A checked key with its fingerprint: 16 hex digits of a one-way derivation, never the key itself. */
export function machineKey(key: Buffer): MachineKey {
  if (key.length !== MACHINE_KEY_BYTES) throw new Error(`The library secret key must be ${MACHINE_KEY_BYTES} bytes; this one is ${key.length}.`);
  return { key, keyId: derive(key, 'key-id').subarray(0, 8).toString('hex') };
}

/**
 * The audit head's signature: HMAC-SHA256 over the library's id, the last entry's number and its hash. The id
 * binds the head to one library, so a head copied from another library signed with the same key does not fit.
 */
export function anchorMac(k: MachineKey, head: { libraryId: string; seq: number; hash: string }): string {
  return createHmac('sha256', derive(k.key, 'audit-anchor')).update(`${head.libraryId}\n${head.seq}\n${head.hash}`).digest('hex');
}

export function macMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * A sealed secret as stored: `pfs1.<keyId>.<nonce>.<ciphertext+tag>` (base64url). The version lets the format
 * change; the key id says which machine's key sealed it, so another machine can say "saved elsewhere" instead of
 * "corrupt". `context` (e.g. the library id and setting name) is authenticated, so a sealed value cannot be
 * moved into another slot or library and still open.
 */
const SEAL_PREFIX = 'pfs1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function seal(k: MachineKey, plaintext: string, context: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(k.key, 'seal'), nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [SEAL_PREFIX, k.keyId, nonce.toString('base64url'), body.toString('base64url')].join('.');
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${SEAL_PREFIX}.`);
}

export type Unsealed = { ok: true; value: string } | { ok: false; why: 'other_key'; keyId: string } | { ok: false; why: 'damaged' };

/** The plaintext, or why not: sealed with another machine's key, or damaged (edited, moved to another slot). */
export function unseal(k: MachineKey, sealed: string, context: string): Unsealed {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== SEAL_PREFIX) return { ok: false, why: 'damaged' };
  const [, keyId, nonceText, bodyText] = parts as [string, string, string, string];
  if (keyId !== k.keyId) return { ok: false, why: 'other_key', keyId };
  const nonce = Buffer.from(nonceText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) return { ok: false, why: 'damaged' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(k.key, 'seal'), nonce);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return { ok: true, value: Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8') };
  } catch {
    return { ok: false, why: 'damaged' };
  }
}
