import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createSelfSignedCertificate } from './tls-cert';

/** What `postframe serve` serves HTTPS with, and what it says about it at start. */
export type HostTls = {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (AA:BB:…), as browsers show it: people compare it before trusting. */
  fingerprint: string;
  source: { kind: 'file'; certPath: string; keyPath: string } | { kind: 'self-signed'; certPath: string; created: boolean };
};

/** `--tls-cert FILE --tls-key FILE`: the PEM files, checked to be a certificate and its own key. */
export async function loadTlsFiles(certPath: string, keyPath: string): Promise<HostTls> {
  const [cert, key] = await Promise.all([
    fs.readFile(certPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`--tls-cert ${certPath}: the file cannot be read (${e.code ?? e.message}). Give a PEM certificate file.`);
    }),
    fs.readFile(keyPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`--tls-key ${keyPath}: the file cannot be read (${e.code ?? e.message}). Give the certificate's PEM private key.`);
    }),
  ]);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`--tls-cert ${certPath} is not a PEM certificate ("-----BEGIN CERTIFICATE-----").`);
  }
  let matches: boolean;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new Error(`--tls-key ${keyPath} is not a PEM private key (an encrypted key is not supported: decrypt it first).`);
  }
  if (!matches) throw new Error(`--tls-key ${keyPath} is not the private key of --tls-cert ${certPath}.`);
  if (Date.parse(x509.validTo) < Date.now()) throw new Error(`--tls-cert ${certPath} expired on ${x509.validTo}. Renew it, or use --tls self-signed.`);
  return { cert, key, fingerprint: x509.fingerprint256, source: { kind: 'file', certPath, keyPath } };
}

/** The generated certificate is replaced this long before it runs out. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

/**
 * `--tls self-signed`: the certificate in `dir` (`<settingsDir>/tls/`), made once and kept, so its fingerprint is
 * the same at every start and people trust it once. A new one is made (and said so) when there is none, when it
 * is unreadable, when it expires within a month, or when it does not cover every name in `names`.
 */
export async function selfSignedTls(dir: string, names: readonly string[], now = new Date()): Promise<HostTls> {
  const certPath = path.join(dir, 'self-signed-cert.pem');
  const keyPath = path.join(dir, 'self-signed-key.pem');
  const kept = await Promise.all([fs.readFile(certPath, 'utf8'), fs.readFile(keyPath, 'utf8')]).catch(() => null);
  if (kept) {
    const [cert, key] = kept;
    const x509 = readable(cert, key);
    if (x509 && Date.parse(x509.validTo) - now.getTime() > RENEW_BEFORE_MS && names.every((n) => covers(x509, n))) {
      return { cert, key, fingerprint: x509.fingerprint256, source: { kind: 'self-signed', certPath, created: false } };
    }
  }
  const made = createSelfSignedCertificate({ names, now });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // The key first and private from its first byte; then the certificate that names it.
  await writePrivate(keyPath, made.keyPem);
  await fs.writeFile(certPath, made.certPem, { mode: 0o644 });
  return { cert: made.certPem, key: made.keyPem, fingerprint: made.fingerprint, source: { kind: 'self-signed', certPath, created: true } };
}

function readable(cert: string, key: string): X509Certificate | null {
  try {
    const x509 = new X509Certificate(cert);
    return x509.checkPrivateKey(createPrivateKey(key)) ? x509 : null;
  } catch {
    return null;
  }
}

function covers(x509: X509Certificate, name: string): boolean {
  const bare = name.replace(/^\[|\]$/g, '');
  return /^[\d.]+$|:/.test(bare) ? x509.checkIP(bare) !== undefined : x509.checkHost(bare) !== undefined;
}

/** Writes a file only its owner may read (0600), also when it already existed with a wider mode. */
async function writePrivate(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}
