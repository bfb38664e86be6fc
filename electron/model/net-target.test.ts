import { describe, expect, it } from 'vitest';
import { classifyHost, classifyUrlHost, parseIPv4, parseIPv6 } from './net-target';

describe('parseIPv4 (the forms a URL host may take)', () => {
  it('reads dotted, decimal, octal, hex and short forms as the URL standard does', () => {
    const ip = (s: string) => parseIPv4(s)?.join('.') ?? null;
    expect(ip('127.0.0.1')).toBe('127.0.0.1');
    expect(ip('2130706433')).toBe('127.0.0.1');
    expect(ip('0x7f000001')).toBe('127.0.0.1');
    expect(ip('0X7F.1')).toBe('127.0.0.1');
    expect(ip('017700000001')).toBe('127.0.0.1');
    expect(ip('0177.0.0.01')).toBe('127.0.0.1');
    expect(ip('127.1')).toBe('127.0.0.1');
    expect(ip('10.1.258')).toBe('10.1.1.2');
    expect(ip('192.168.0.1.')).toBe('192.168.0.1');
    expect(ip('0x')).toBe('0.0.0.0');
  });

  it('is not an address for names, out-of-range parts or too many parts', () => {
    for (const s of ['example.com', '1.2.3.4.5', '256.0.0.1', '1.2.3.256', '4294967296', '08.0.0.1', '1..2', '', '1.2.3.4x', '0x1g']) expect(parseIPv4(s), s).toBeNull();
  });
});

describe('parseIPv6', () => {
  it('reads compressed, full, bracketed, zoned and IPv4-tailed forms', () => {
    const hex = (s: string) => parseIPv6(s)?.map((b) => b.toString(16).padStart(2, '0')).join('') ?? null;
    expect(hex('::1')).toBe(`${'00'.repeat(15)}01`);
    expect(hex('[::1]')).toBe(`${'00'.repeat(15)}01`);
    expect(hex('0:0:0:0:0:0:0:1')).toBe(`${'00'.repeat(15)}01`);
    expect(hex('fe80::1%eth0')).toBe(`fe80${'00'.repeat(13)}01`);
    expect(hex('::ffff:127.0.0.1')).toBe(`${'00'.repeat(10)}ffff7f000001`);
    expect(hex('FC00::')).toBe(`fc00${'00'.repeat(14)}`);
  });

  it('refuses what is not an IPv6 address', () => {
    for (const s of ['1:2:3:4:5:6:7:8:9', '::1::', '12345::', 'g::1', '1:2:3:4:5:6:7', '::ffff:1.2.3', '::ffff:1.2.3.256', 'example.com', '[::1', '']) expect(parseIPv6(s), s).toBeNull();
  });
});

describe('classifyHost', () => {
  const cases: [string, ReturnType<typeof classifyHost>][] = [
    // Loopback and "this host".
    ['127.0.0.1', 'loopback'],
    ['127.255.10.3', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['0', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['api.localhost', 'loopback'],
    ['ip6-localhost', 'loopback'],
    // Private networks (RFC 1918, shared address space, unique local IPv6) and local names.
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['0xc0a80101', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['printer.local', 'private'],
    ['nas.home.arpa', 'private'],
    ['intranet', 'private'],
    // Link-local.
    ['169.254.169.254', 'link_local'],
    ['fe80::1', 'link_local'],
    ['[fe80::abcd%25en0]', 'link_local'],
    ['febf::1', 'link_local'],
    // The internet.
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.169.0.1', 'public'],
    ['169.255.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2001:db8::1', 'public'],
    ['fec0::1', 'private'],
    ['hooks.example.com', 'public'],
    ['localhost.example.com', 'public'],
    ['mylocalhost', 'private'],
  ];
  it.each(cases)('%s is %s', (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });
});

describe('classifyUrlHost', () => {
  it('classifies the host of a URL as the URL parser normalises it, and null for what is not a URL', () => {
    expect(classifyUrlHost('http://127.1:8080/hook')).toBe('loopback');
    expect(classifyUrlHost('http://[::ffff:192.168.0.1]/x')).toBe('private');
    expect(classifyUrlHost('https://169.254.169.254/latest/meta-data')).toBe('link_local');
    expect(classifyUrlHost('https://hooks.example.com/postframe')).toBe('public');
    expect(classifyUrlHost('not a url')).toBeNull();
  });
});
