/**
 * Where a network address points, from its text alone (pure: no DNS). Used to warn, not to block, when a
 * webhook is set to this computer, a private network or a link-local address: such a target is often a
 * mistake, and a webhook that reaches internal services sends them our posts and secret header.
 *
 * Hosts are read the way the URL standard reads them (IPv4 in decimal, octal, hex and short forms;
 * IPv6 with `::`, an IPv4 tail, brackets and a zone), so "0x7f.1" or "[::ffff:127.0.0.1]" are not missed.
 * A DNS name that resolves to such an address (e.g. a public name pointing at 127.0.0.1) is not caught here.
 */
export const hostKinds = ['public', 'loopback', 'private', 'link_local'] as const;
export type HostKind = (typeof hostKinds)[number];

/** One IPv4 part: decimal, octal (leading 0) or hex (0x); null when it is not a number. */
function ipv4Part(text: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(text)) return text.length === 2 ? 0 : parseInt(text.slice(2), 16);
  if (/^0[0-7]*$/.test(text)) return parseInt(text, 8);
  if (/^[1-9][0-9]*$/.test(text)) return Number(text);
  return null;
}

/**
 * The four bytes of an IPv4 host in any form the URL standard accepts (1 to 4 parts; the last fills the
 * remaining bytes; one trailing dot allowed), or null when it is not one.
 */
export function parseIPv4(host: string): [number, number, number, number] | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const nums = parts.map(ipv4Part);
  if (nums.some((n) => n === null || !Number.isFinite(n))) return null;
  const values = nums as number[];
  const last = values.pop()!;
  if (values.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - values.length)) return null;
  const value = values.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

/** Strict dotted quad, as the tail of an IPv6 address must be. */
function dottedQuad(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(?:0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255)) return null;
  return parts.map(Number);
}

/** The sixteen bytes of an IPv6 host (brackets and a zone such as `%eth0` or `%25en0` allowed), or null. */
export function parseIPv6(host: string): number[] | null {
  let text = host;
  if (text.startsWith('[') !== text.endsWith(']')) return null;
  if (text.startsWith('[')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  if (text === '' || !text.includes(':')) return null;

  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const words: number[][] = [];
  const toWords = (groups: string[], allowTail: boolean): number[] | null => {
    const out: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (allowTail && i === groups.length - 1 && g.includes('.')) {
        const q = dottedQuad(g);
        if (!q) return null;
        out.push(q[0]! * 256 + q[1]!, q[2]! * 256 + q[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const compressed = halves.length === 2;
  const a = toWords(head, !compressed);
  const b = toWords(tail, true);
  if (!a || !b) return null;
  const missing = 8 - a.length - b.length;
  if (compressed ? missing < 1 : missing !== 0) return null;
  words.push(a, new Array<number>(compressed ? missing : 0).fill(0), b);
  return words.flat().flatMap((w) => [w >> 8, w & 255]);
}

function classifyIPv4([a, b]: number[]): HostKind {
  if (a === 127 || a === 0) return 'loopback'; // 0.0.0.0/8 ("this host") reaches this machine too
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private'; // RFC 1918
  if (a === 100 && b! >= 64 && b! <= 127) return 'private'; // RFC 6598 shared address space (carrier NAT)
  if (a === 169 && b === 254) return 'link_local';
  return 'public';
}

function classifyIPv6(bytes: number[]): HostKind {
  const zeroUpTo = (n: number) => bytes.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(15) && (bytes[15] === 0 || bytes[15] === 1)) return 'loopback'; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 target.
  const mapped = zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff;
  const nat64 = bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes.slice(4, 12).every((x) => x === 0);
  if (mapped || zeroUpTo(12) || nat64) return classifyIPv4(bytes.slice(12));
  if ((bytes[0]! & 0xfe) === 0xfc) return 'private'; // fc00::/7 unique local
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link_local'; // fe80::/10
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'private'; // fec0::/10, the old site-local
  return 'public';
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);
/** Names only a local network resolves (mDNS, RFC 8375, common home/office suffixes). */
const LOCAL_SUFFIXES = ['.local', '.home.arpa', '.internal', '.lan', '.intranet'];

/** Where a host (as in a URL: a name, an IPv4 in any form, or an IPv6 literal) points. */
export function classifyHost(raw: string): HostKind {
  const host = raw.trim().toLowerCase();
  if (host.includes(':')) {
    const v6 = parseIPv6(host);
    return v6 ? classifyIPv6(v6) : 'public';
  }
  const v4 = parseIPv4(host);
  if (v4) return classifyIPv4(v4);
  const name = host.replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return 'loopback';
  if (LOCAL_SUFFIXES.some((s) => name.endsWith(s))) return 'private';
  // A name without a dot is looked up in the local search domain: a machine on this network.
  if (name !== '' && !name.includes('.')) return 'private';
  return 'public';
}

/** Where a URL's host points, or null when the text is not a URL. */
export function classifyUrlHost(url: string): HostKind | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return classifyHost(parsed.hostname);
}
