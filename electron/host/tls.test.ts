import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTlsFiles, selfSignedTls } from './tls';
import { createSelfSignedCertificate } from './tls-cert';

describe('host TLS files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-tls-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a self-signed certificate once and keeps it (same fingerprint at the next start), the key 0600', async () => {
    const tlsDir = path.join(dir, 'tls');
    const first = await selfSignedTls(tlsDir, ['studio.example.lan', 'localhost', '127.0.0.1']);
    expect(first.source).toEqual({ kind: 'self-signed', certPath: path.join(tlsDir, 'self-signed-cert.pem'), created: true });
    expect(fs.statSync(path.join(tlsDir, 'self-signed-key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(tlsDir).mode & 0o077).toBe(0);
    const again = await selfSignedTls(tlsDir, ['studio.example.lan', 'localhost']);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.source).toMatchObject({ created: false });
    expect(again.key).toBe(first.key);
  });

  it('makes a new one when a name is not covered, when it is about to expire, or when the files are broken', async () => {
    const tlsDir = path.join(dir, 'tls');
    const first = await selfSignedTls(tlsDir, ['localhost', '127.0.0.1']);
    const renamed = await selfSignedTls(tlsDir, ['studio.example.lan', 'localhost', '127.0.0.1']);
    expect(renamed.source).toMatchObject({ created: true });
    expect(renamed.fingerprint).not.toBe(first.fingerprint);
    const later = await selfSignedTls(tlsDir, ['localhost'], new Date(Date.now() + 800 * 86_400_000));
    expect(later.fingerprint).not.toBe(renamed.fingerprint);
    fs.writeFileSync(path.join(tlsDir, 'self-signed-key.pem'), 'not a key');
    const repaired = await selfSignedTls(tlsDir, ['localhost']);
    expect(repaired.source).toMatchObject({ created: true });
    expect(fs.statSync(path.join(tlsDir, 'self-signed-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('loads a certificate and its key, and says what is wrong with others', async () => {
    const a = createSelfSignedCertificate({ names: ['studio.example.lan'] });
    const b = createSelfSignedCertificate({ names: ['studio.example.lan'] });
    const write = (name: string, text: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const cert = write('cert.pem', a.certPem);
    const key = write('key.pem', a.keyPem);
    const loaded = await loadTlsFiles(cert, key);
    expect(loaded.fingerprint).toBe(a.fingerprint);
    expect(loaded.source).toEqual({ kind: 'file', certPath: cert, keyPath: key });
    await expect(loadTlsFiles(cert, write('other.pem', b.keyPem))).rejects.toThrow(/is not the private key of --tls-cert/);
    await expect(loadTlsFiles(key, key)).rejects.toThrow(/is not a PEM certificate/);
    await expect(loadTlsFiles(cert, cert)).rejects.toThrow(/is not a PEM private key/);
    await expect(loadTlsFiles(path.join(dir, 'missing.pem'), key)).rejects.toThrow(/--tls-cert .*missing.pem: the file cannot be read \(ENOENT\)/);
    const old = createSelfSignedCertificate({ names: ['x'], now: new Date('2020-01-01T00:00:00Z'), days: 30 });
    await expect(loadTlsFiles(write('old.pem', old.certPem), write('oldkey.pem', old.keyPem))).rejects.toThrow(/expired/);
  });
});
