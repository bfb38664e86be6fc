import { describe, expect, it } from 'vitest';
import { NetworkConfigError, allowedHosts, certificateNames, describeNetwork, planNetwork, publicAddress } from './network';

describe('planNetwork', () => {
  it('serves plain HTTP on loopback, to the loopback names with our port', () => {
    const plan = planNetwork({ tls: false });
    expect(plan).toMatchObject({ bindHost: '127.0.0.1', loopback: true, tls: false, publicUrl: null });
    expect(publicAddress(plan, 4000)).toBe('http://127.0.0.1:4000/');
    expect(allowedHosts(plan, 4000)).toEqual(['127.0.0.1:4000', 'localhost:4000', '[::1]:4000']);
    expect(planNetwork({ host: '::1', tls: false }).loopback).toBe(true);
    expect(publicAddress(planNetwork({ host: '[::1]', tls: false }), 4000)).toBe('http://[::1]:4000/');
  });

  it('refuses a network address without TLS, saying which flags to add', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      expect(() => planNetwork({ host, tls: false }), host).toThrow(NetworkConfigError);
      expect(() => planNetwork({ host, tls: false }), host).toThrow(/needs TLS.*--tls self-signed.*--tls-cert FILE --tls-key FILE.*--public-url https:\/\//);
    }
    // Even with a public URL: the bytes would still cross the network in clear text.
    expect(() => planNetwork({ host: '0.0.0.0', publicUrl: 'http://studio.lan:8080', tls: false })).toThrow(/needs TLS/);
  });

  it('needs --public-url to listen on every address, and takes a concrete address as its own', () => {
    expect(() => planNetwork({ host: '0.0.0.0', tls: true })).toThrow(/--public-url https:\/\/NAME:PORT/);
    const concrete = planNetwork({ host: '192.168.1.20', tls: true });
    expect(publicAddress(concrete, 8443)).toBe('https://192.168.1.20:8443/');
    expect(allowedHosts(concrete, 8443)).toEqual(['192.168.1.20:8443']);
    expect(certificateNames(concrete)).toEqual(['192.168.1.20', 'localhost', '127.0.0.1']);
  });

  it('answers on a network only to the public URL (default port left out, as browsers send Host)', () => {
    const plan = planNetwork({ host: '0.0.0.0', publicUrl: 'https://Studio.Example.lan:8443', tls: true });
    expect(publicAddress(plan, 9000)).toBe('https://studio.example.lan:8443/');
    expect(allowedHosts(plan, 9000)).toEqual(['studio.example.lan:8443']);
    expect(certificateNames(plan)).toEqual(['studio.example.lan', 'localhost', '127.0.0.1']);
    expect(allowedHosts(planNetwork({ host: '0.0.0.0', publicUrl: 'https://studio.example.lan', tls: true }), 443)).toEqual(['studio.example.lan']);
    // Loopback with a public URL (a port forwarded to it): both the public name and the loopback names.
    expect(allowedHosts(planNetwork({ publicUrl: 'https://studio.example.lan:8443', tls: true }), 9000)).toEqual(['studio.example.lan:8443', '127.0.0.1:9000', 'localhost:9000', '[::1]:9000']);
  });

  it('refuses a public URL that is not just a scheme, a name and a port, or whose scheme is not the one served', () => {
    for (const bad of ['studio.lan', 'ftp://studio.lan', 'https://studio.lan/postframe', 'https://a:b@studio.lan', 'https://studio.lan/?x=1', 'https://studio.lan/#x']) {
      expect(() => planNetwork({ host: '0.0.0.0', publicUrl: bad, tls: true }), bad).toThrow(NetworkConfigError);
    }
    expect(() => planNetwork({ host: '0.0.0.0', publicUrl: 'http://studio.lan:8443', tls: true })).toThrow(/use https:\/\/studio.lan:8443/);
    expect(() => planNetwork({ publicUrl: 'https://studio.lan:8443', tls: false })).toThrow(/has no TLS/);
  });
});

describe('describeNetwork', () => {
  it('says where it listens, the address, TLS with the fingerprint, and the allowed hosts', () => {
    const plan = planNetwork({ host: '0.0.0.0', publicUrl: 'https://studio.example.lan:8443', tls: true });
    const text = describeNetwork({ plan, port: 8443, tls: { fingerprint: 'AB:CD', source: { kind: 'self-signed', certPath: '/cfg/tls/self-signed-cert.pem', created: true } } });
    expect(text).toBe(
      [
        'Listening on 0.0.0.0:8443 (other machines can connect)',
        'Address: https://studio.example.lan:8443/',
        'TLS: self-signed certificate made now and kept in /cfg/tls/self-signed-cert.pem',
        '  SHA-256 fingerprint AB:CD',
        '  Browsers warn about a self-signed certificate: check that the fingerprint they show is this one before you continue.',
        'Answers only to: studio.example.lan:8443',
        '',
      ].join('\n'),
    );
    const local = describeNetwork({ plan: planNetwork({ tls: false }), port: 4000, tls: null });
    expect(local).toContain('Listening on 127.0.0.1:4000 (this machine only)');
    expect(local).toContain('TLS: off (plain HTTP, this machine only)');
    const file = describeNetwork({ plan: planNetwork({ host: '10.0.0.2', tls: true }), port: 443, tls: { fingerprint: 'EF', source: { kind: 'file', certPath: '/etc/cert.pem' } } });
    expect(file).toContain('TLS: certificate /etc/cert.pem\n  SHA-256 fingerprint EF');
    expect(file).toContain('Address: https://10.0.0.2/');
    expect(file).toContain('Answers only to: 10.0.0.2\n');
  });
});
