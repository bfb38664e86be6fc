import { X509Certificate, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import net from 'node:net';
import { bitString, boolean, explicit, implicitPrimitive, octetString, oid, sequence, set, smallInteger, time, tlv, unsignedInteger, utf8String } from './der';

/**
 * A self-signed X.509 v3 certificate for `postframe serve --tls self-signed`: an ECDSA P-256 key, signed with
 * SHA-256, for the names people type (the public URL's host, localhost, 127.0.0.1). node:crypto cannot build a
 * certificate, so the TBSCertificate is encoded here (der.ts) and signed with node:crypto (RFC 5280 §4.1).
 */

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

/**
 * How long a generated certificate is valid. Apple's platforms refuse TLS server certificates valid for more
 * than 825 days, even ones a person trusted by hand; serve makes a new one a month before this runs out.
 */
export const SELF_SIGNED_DAYS = 825;

export type SelfSigned = { certPem: string; keyPem: string; fingerprint: string; notAfter: Date };

export type SelfSignedOptions = {
  /** Host names and IP addresses (v4 or v6) the certificate is for; the first is also its common name. */
  names: readonly string[];
  now?: Date;
  days?: number;
};

export function createSelfSignedCertificate(o: SelfSignedOptions): SelfSigned {
  const names = [...new Set(o.names.map((n) => n.toLowerCase()))];
  if (names.length === 0) throw new Error('A certificate needs at least one host name or address.');
  const now = o.now ?? new Date();
  // A minute back, so a client whose clock is slightly behind does not see a certificate "from the future".
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(notBefore.getTime() + (o.days ?? SELF_SIGNED_DAYS) * 86_400_000);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const name = sequence(
    set(sequence(oid(OID.commonName), utf8String(names[0]!))),
    set(sequence(oid(OID.organization), utf8String('Postframe (self-signed)'))),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive and never shortened: always 16 bytes
  const extension = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, sequence()), // not a CA
        extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x07, 0x80]))), // digitalSignature (bit 0; 7 unused bits)
        extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(...names.map(generalName))),
      ),
    ),
  );
  const certificate = sequence(tbs, algorithm, bitString(sign('sha256', tbs, privateKey)));
  const certPem = toPem('CERTIFICATE', certificate);
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    fingerprint: new X509Certificate(certPem).fingerprint256,
    notAfter,
  };
}

/** A SAN entry: an IP address as iPAddress [7] (its bytes), anything else as dNSName [2]. */
function generalName(n: string): Buffer {
  const ip = ipBytes(n);
  return ip ? implicitPrimitive(7, ip) : implicitPrimitive(2, Buffer.from(n, 'ascii'));
}

/** The bytes of an IPv4 (4) or IPv6 (16) address in text form; null for anything else. */
export function ipBytes(text: string): Buffer | null {
  const bare = text.replace(/^\[|\]$/g, '');
  const kind = net.isIP(bare);
  if (kind === 4) return Buffer.from(bare.split('.').map(Number));
  if (kind !== 6) return null;
  // A trailing dotted IPv4 (::ffff:1.2.3.4) is two groups.
  let s = bare.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    s = `${s.slice(0, -v4[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

export function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
