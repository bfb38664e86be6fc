/**
 * The few DER (X.690) encodings an X.509 certificate needs (tls-cert.ts). node:crypto signs and parses
 * certificates but cannot build one; this is small enough to own instead of adding a dependency. Every function
 * returns the whole TLV (tag, length, value).
 */

/** Tag, definite length (short form below 128, else long form), value. */
export function tlv(tag: number, value: Uint8Array): Buffer {
  const n = value.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = [0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from([tag, ...len]), value]);
}

export const sequence = (...items: Uint8Array[]): Buffer => tlv(0x30, Buffer.concat(items));
export const set = (...items: Uint8Array[]): Buffer => tlv(0x31, Buffer.concat(items));
export const octetString = (bytes: Uint8Array): Buffer => tlv(0x04, bytes);
export const utf8String = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const boolean = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
/** A BIT STRING of whole bytes (no unused bits), as signatures and keys are. */
export const bitString = (bytes: Uint8Array): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
/** `[n] EXPLICIT`: a constructed context-specific tag around one encoded value. */
export const explicit = (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner);
/** `[n] IMPLICIT` on a primitive value (GeneralName's dNSName [2] and iPAddress [7]). */
export const implicitPrimitive = (n: number, bytes: Uint8Array): Buffer => tlv(0x80 | n, bytes);

/**
 * A non-negative INTEGER from big-endian magnitude bytes: leading zero bytes dropped (DER's minimal form), and
 * one 0x00 added when the top bit is set, so it is not read as negative.
 */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let body = Buffer.from(magnitude.subarray(i));
  if (body.length === 0) body = Buffer.from([0]);
  if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(0x02, body);
}

export const smallInteger = (n: number): Buffer => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a small non-negative integer: ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Buffer.from(bytes));
};

/** An OBJECT IDENTIFIER from dotted text ("1.2.840.10045.4.3.2"). */
export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => {
    if (!/^\d+$/.test(p)) throw new RangeError(`not an object identifier: ${dotted}`);
    return Number(p);
  });
  if (parts.length < 2 || parts[0]! > 2 || (parts[0]! < 2 && parts[1]! > 39)) throw new RangeError(`not an object identifier: ${dotted}`);
  const out: number[] = [];
  const arcs = [parts[0]! * 40 + parts[1]!, ...parts.slice(2)];
  for (const arc of arcs) {
    // Base 128, most significant group first, every byte but the last with its top bit set.
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/**
 * A certificate time: UTCTime (YYMMDDHHMMSSZ) for the years 1950–2049, GeneralizedTime (YYYYMMDDHHMMSSZ) after,
 * as RFC 5280 §4.1.2.5 requires. Whole seconds, always UTC.
 */
export function time(d: Date): Buffer {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  const y = d.getUTCFullYear();
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${p(y % 100)}${rest}`, 'ascii'));
  return tlv(0x18, Buffer.from(`${p(y, 4)}${rest}`, 'ascii'));
}
