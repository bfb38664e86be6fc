import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAllowedExternalUrl, isAppOrigin, isAppUrl, mayGrantPermission, parseMediaUrl, passesPermissionCheck, resolveRendererTarget } from './trust';

const file = resolveRendererTarget({ isPackaged: true, devServerUrl: 'http://localhost:5173', indexHtmlPath: '/app/out/renderer/index.html' });
const dev = resolveRendererTarget({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexHtmlPath: '/app/out/renderer/index.html' });

describe('renderer target', () => {
  it('ignores the dev server URL in a packaged app and for non-loopback hosts', () => {
    expect(file.kind).toBe('file');
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'https://evil.example', indexHtmlPath: '/x/index.html' }).kind).toBe('file');
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'file:///etc/passwd', indexHtmlPath: '/x/index.html' }).kind).toBe('file');
    expect(dev).toMatchObject({ kind: 'dev', origin: 'http://localhost:5173' });
  });

  it('recognises only the app page as the app', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html', file)).toBe(true);
    expect(isAppUrl('file:///app/out/renderer/index.html#/editor?x=1', file)).toBe(true);
    expect(isAppUrl('file:///app/out/renderer/other.html', file)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', file)).toBe(false);
    expect(isAppUrl('https://example.com/', file)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
    expect(isAppOrigin('http://localhost:5173', dev)).toBe(true);
    expect(isAppOrigin('https://example.com', dev)).toBe(false);
    expect(isAppOrigin('file:///', file)).toBe(true);
    expect(isAppOrigin('https://example.com', file)).toBe(false);
  });

  it('opens only plain https links externally', () => {
    expect(isAllowedExternalUrl('https://help.example.com/a')).toBe(true);
    expect(isAllowedExternalUrl('http://example.com')).toBe(false);
    expect(isAllowedExternalUrl('file:///bin/sh')).toBe(false);
    expect(isAllowedExternalUrl('smb://host/share')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@example.com')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('builds a strict CSP, relaxed only for the dev server', () => {
    const csp = contentSecurityPolicy(file);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("media-src 'self' media: blob:");
    expect(contentSecurityPolicy(dev)).toContain('ws://localhost:5173');
  });
});

describe('parseMediaUrl', () => {
  const variants = ['original', 'thumb'];
  it('accepts media://asset/<id>/<variant>', () => {
    expect(parseMediaUrl('media://asset/0b5c-AZ_9/thumb', variants)).toEqual({ assetId: '0b5c-AZ_9', variant: 'thumb' });
  });
  it.each([
    'media://asset/abc/poster',
    'media://asset/abc',
    'media://asset/abc/thumb/extra',
    'media://other/abc/thumb',
    'media://asset/..%2F..%2Fetc/original',
    'media://asset/%2Fetc%2Fpasswd/original',
    'media://asset/a%00b/original',
    'file:///etc/passwd',
    'media://asset//original',
  ])('refuses %s', (url) => {
    expect(parseMediaUrl(url, variants)).toBeNull();
  });
});

describe('capture permissions', () => {
  const app = 'file:///app/out/renderer/index.html';
  it('grants camera, microphone and screen only to the app page in its main frame', () => {
    for (const p of ['media', 'display-capture']) {
      expect(mayGrantPermission(p, { isMainFrame: true, requestingUrl: app, pageUrl: app }, file), p).toBe(true);
      expect(mayGrantPermission(p, { isMainFrame: false, requestingUrl: app, pageUrl: app }, file), `${p} in a sub-frame`).toBe(false);
      expect(mayGrantPermission(p, { isMainFrame: true, requestingUrl: 'https://evil.example/', pageUrl: app }, file), `${p} from elsewhere`).toBe(false);
      expect(mayGrantPermission(p, { isMainFrame: true, requestingUrl: app, pageUrl: 'file:///tmp/x.html' }, file), `${p} in a foreign page`).toBe(false);
    }
    expect(mayGrantPermission('geolocation', { isMainFrame: true, requestingUrl: app, pageUrl: app }, file)).toBe(false);
    expect(mayGrantPermission('notifications', { isMainFrame: true, requestingUrl: app, pageUrl: app }, file)).toBe(false);
    expect(mayGrantPermission('media', { isMainFrame: true, requestingUrl: 'http://localhost:5173/', pageUrl: 'http://localhost:5173/' }, dev)).toBe(true);
  });

  it('answers permission checks the same way', () => {
    expect(passesPermissionCheck('media', { requestingUrl: app, requestingOrigin: 'file:///', pageUrl: app }, file)).toBe(true);
    expect(passesPermissionCheck('media', { requestingUrl: undefined, requestingOrigin: 'file:///', pageUrl: null }, file)).toBe(true);
    expect(passesPermissionCheck('media', { requestingUrl: undefined, requestingOrigin: 'https://evil.example', pageUrl: null }, file)).toBe(false);
    expect(passesPermissionCheck('display-capture', { requestingUrl: app, requestingOrigin: 'file:///', pageUrl: 'https://evil.example/' }, file)).toBe(false);
    expect(passesPermissionCheck('usb', { requestingUrl: app, requestingOrigin: 'file:///', pageUrl: app }, file)).toBe(false);
  });
});
