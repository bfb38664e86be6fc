import { X509Certificate, createPrivateKey } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oid, time, tlv, unsignedInteger } from './der';
import { createSelfSignedCertificate, ipBytes } from './tls-cert';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('der', () => {
  it('writes short and long lengths', () => {
    expect(hex(tlv(0x04, Buffer.alloc(0)))).toBe('0400');
    expect(hex(tlv(0x04, Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(tlv(0x04, Buffer.alloc(128))).slice(0, 6)).toBe('048180');
    expect(hex(tlv(0x04, Buffer.alloc(300))).slice(0, 8)).toBe('0482012c');
  });

  it('writes object identifiers in base 128', () => {
    expect(hex(oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302'); // ecdsa-with-SHA256
    expect(hex(oid('2.5.29.17'))).toBe('0603551d11');
    expect(hex(oid('1.3.6.1.5.5.7.3.1'))).toBe('06082b06010505070301');
    expect(() => oid('1')).toThrow();
    expect(() => oid('3.1')).toThrow();
    expect(() => oid('1.x')).toThrow();
  });

  it('writes non-negative integers in their shortest form, never read as negative', () => {
    expect(hex(unsignedInteger(Buffer.from([0])))).toBe('020100');
    expect(hex(unsignedInteger(Buffer.from([0, 0, 5])))).toBe('020105');
    expect(hex(unsignedInteger(Buffer.from([0x80])))).toBe('02020080');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const der = unsignedInteger(bytes);
        const body = der.subarray(2);
        // Minimal: no leading 0x00 unless the next byte has its top bit set; never negative.
        expect(body[0]! & 0x80).toBe(0);
        if (body.length > 1 && body[0] === 0) expect(body[1]! & 0x80).toBe(0x80);
        expect(BigInt(`0x${hex(body)}`)).toBe(BigInt(`0x${hex(bytes)}`));
      }),
    );
  });

  it('writes UTCTime until 2049 and GeneralizedTime after', () => {
    expect(time(new Date('2026-12-04T19:05:09Z')).toString('latin1', 2)).toBe('261204190509Z');
    expect(time(new Date('2026-12-04T19:05:09Z'))[0]).toBe(0x17);
    expect(time(new Date('2050-01-01T00:00:00Z')).toString('latin1', 2)).toBe('20500101000000Z');
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });
});

describe('ipBytes', () => {
  it('reads IPv4 and IPv6 addresses, and nothing else', () => {
    expect(hex(ipBytes('127.0.0.1')!)).toBe('7f000001');
    expect(hex(ipBytes('::1')!)).toBe('00000000000000000000000000000001');
    expect(hex(ipBytes('[fe80::1:2]')!)).toBe('fe800000000000000000000000010002');
    expect(hex(ipBytes('2001:db8::')!)).toBe('20010db8000000000000000000000000');
    expect(hex(ipBytes('::ffff:192.168.1.2')!)).toBe('00000000000000000000ffffc0a80102');
    expect(hex(ipBytes('1:2:3:4:5:6:7:8')!)).toBe('00010002000300040005000600070008');
    expect(ipBytes('studio.example.lan')).toBeNull();
    expect(ipBytes('256.1.1.1')).toBeNull();
  });
});

describe('createSelfSignedCertificate', () => {
  const made = createSelfSignedCertificate({ names: ['studio.example.lan', 'localhost', '127.0.0.1', '::1'], now: new Date('2026-12-04T12:00:00Z') });
  const cert = new X509Certificate(made.certPem);

  it('is a certificate node:crypto reads, signed by its own key, for the names asked', () => {
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(made.keyPem))).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(cert.subjectAltName).toBe('DNS:studio.example.lan, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkHost('studio.example.lan')).toBe('studio.example.lan');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('evil.example')).toBeUndefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();
    expect(cert.subject).toContain('CN=studio.example.lan');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // extended key usage: serverAuth
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-12-04T11:59:00.000Z');
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(825 * 86_400_000);
    expect(made.fingerprint).toBe(cert.fingerprint256);
    expect(made.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(made.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('makes a new key and serial number each time', () => {
    const other = createSelfSignedCertificate({ names: ['localhost'] });
    expect(other.fingerprint).not.toBe(made.fingerprint);
    expect(new X509Certificate(other.certPem).serialNumber).not.toBe(cert.serialNumber);
    expect(() => createSelfSignedCertificate({ names: [] })).toThrow();
  });

  it('serves a TLS handshake that a client pinning its fingerprint completes', async () => {
    const fresh = createSelfSignedCertificate({ names: ['localhost', '127.0.0.1'] });
    const server = https.createServer({ cert: fresh.certPem, key: fresh.keyPem }, (_req, res) => res.end('hello over tls'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // Trusting the certificate itself as the authority: the chain and the host name are checked by Node.
      const seen = await new Promise<string>((resolve, reject) => {
        const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: fresh.certPem }, () => {
          resolve(sock.getPeerX509Certificate()!.fingerprint256);
          sock.end();
        });
        sock.once('error', reject);
      });
      expect(seen).toBe(fresh.fingerprint);
      // Pinning without a CA: accept exactly this fingerprint, as a person comparing the printed one does.
      const body = await new Promise<string>((resolve, reject) => {
        const req = https.get(
          {
            host: '127.0.0.1',
            port,
            path: '/',
            rejectUnauthorized: false,
            agent: false,
          },
          (res) => {
            const fp = (res.socket as tls.TLSSocket).getPeerX509Certificate()!.fingerprint256;
            if (fp !== fresh.fingerprint) return reject(new Error(`fingerprint ${fp}`));
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(text));
          },
        );
        req.once('error', reject);
      });
      expect(body).toBe('hello over tls');
      // Another certificate's holder is refused by a client that trusts only this one.
      const wrong = createSelfSignedCertificate({ names: ['localhost'] });
      const refused = await new Promise<string>((resolve) => {
        const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: wrong.certPem }, () => resolve('connected'));
        sock.once('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message));
      });
      expect(refused).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
