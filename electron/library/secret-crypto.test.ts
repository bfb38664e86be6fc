import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibrarySecrets } from './library-secrets';
import { fileKeyProvider, keyFilePath } from './machine-key';
import { anchorMac, isSealed, machineKey, macMatches, seal, unseal } from './secret-crypto';

const A = machineKey(Buffer.alloc(32, 1));
const B = machineKey(Buffer.alloc(32, 2));

describe('the machine key', () => {
  it('has a 16-hex fingerprint that is not the key and differs between keys', () => {
    expect(A.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(A.keyId).not.toBe(B.keyId);
    expect(A.key.toString('hex')).not.toContain(A.keyId);
    expect(() => machineKey(Buffer.alloc(16))).toThrow(/must be 32 bytes; this one is 16/);
  });

  it('signs a head for one library: another library, number, hash or key gives another MAC', () => {
    const head = { libraryId: 'a'.repeat(32), seq: 7, hash: 'f'.repeat(64) };
    const mac = anchorMac(A, head);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(macMatches(mac, anchorMac(A, { ...head }))).toBe(true);
    for (const other of [anchorMac(A, { ...head, libraryId: 'b'.repeat(32) }), anchorMac(A, { ...head, seq: 8 }), anchorMac(A, { ...head, hash: 'e'.repeat(64) }), anchorMac(B, head)]) {
      expect(macMatches(mac, other)).toBe(false);
    }
    expect(macMatches(mac, '')).toBe(false);
  });
});

describe('sealed secrets', () => {
  it('round-trip any text, and never show it in the sealed form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ maxLength: 40 }), (text, context) => {
        const sealed = seal(A, text, context);
        expect(isSealed(sealed)).toBe(true);
        expect(sealed.startsWith(`pfs1.${A.keyId}.`)).toBe(true);
        if (text.length >= 4) expect(sealed.includes(text)).toBe(false);
        expect(unseal(A, sealed, context)).toEqual({ ok: true, value: text });
      }),
    );
  });

  it('say "other key" for another machine, and "damaged" for an edit or another slot', () => {
    const sealed = seal(A, 'Bearer s3cret', 'lib/slot');
    expect(seal(A, 'Bearer s3cret', 'lib/slot')).not.toBe(sealed); // a fresh nonce each time
    expect(unseal(B, sealed, 'lib/slot')).toEqual({ ok: false, why: 'other_key', keyId: A.keyId });
    expect(unseal(A, sealed, 'lib/other-slot')).toEqual({ ok: false, why: 'damaged' });
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(unseal(A, [...parts.slice(0, 3), body.toString('base64url')].join('.'), 'lib/slot')).toEqual({ ok: false, why: 'damaged' });
    expect(unseal(A, 'pfs1.x', 'lib/slot')).toEqual({ ok: false, why: 'damaged' });
  });

  it('LibrarySecrets binds a secret to its library and slot and reads a plain value from before sealing', () => {
    const here = new LibrarySecrets(A, 'l'.repeat(32));
    const sealed = here.seal('connectors.webhook.headerValue', 'k3y');
    expect(here.open('connectors.webhook.headerValue', sealed)).toEqual({ state: 'ok', value: 'k3y' });
    expect(new LibrarySecrets(A, 'm'.repeat(32)).open('connectors.webhook.headerValue', sealed)).toEqual({ state: 'damaged' });
    expect(new LibrarySecrets(B, 'l'.repeat(32)).open('connectors.webhook.headerValue', sealed)).toEqual({ state: 'other_machine' });
    expect(here.open('connectors.webhook.headerValue', null)).toEqual({ state: 'none' });
    expect(here.open('connectors.webhook.headerValue', 'plain')).toEqual({ state: 'ok', value: 'plain' });
  });
});

describe('the key file (serve and the CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once, private, and read back the same by processes starting at once', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => fileKeyProvider(dir)()));
    expect(keys[0]!.length).toBe(32);
    for (const k of keys) expect(k.equals(keys[0]!)).toBe(true);
    expect((await fileKeyProvider(dir)()).equals(keys[0]!)).toBe(true);
    expect(fs.statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFilePath(dir))).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(keyFilePath(dir)))).toEqual(['library-secret.key']);
  });

  it('is refused when others may read it (what to chmod), or when it is not 32 bytes', async () => {
    await fileKeyProvider(dir)();
    fs.chmodSync(keyFilePath(dir), 0o640);
    await expect(fileKeyProvider(dir)()).rejects.toThrow(/can be read by other users \(mode 640\)\. Make it private with: chmod 600/);
    // Windows has no such mode bits: the check is POSIX's.
    expect((await fileKeyProvider(dir, 'win32')()).length).toBe(32);
    fs.chmodSync(keyFilePath(dir), 0o600);
    fs.writeFileSync(keyFilePath(dir), Buffer.alloc(5));
    await expect(fileKeyProvider(dir)()).rejects.toThrow(/damaged \(5 bytes, not 32\)/);
  });
});
