import { describe, expect, it } from 'vitest';
import { ConnectorSettingsInput, effectiveRoutes, headerNameProblem, headerValueProblem, routeFor, secretStaysWith, timeoutProblem, webhookUrlProblem } from './delivery-settings';

describe('routeFor', () => {
  it('sends every channel to the one connector that is set, and nowhere when none is', () => {
    expect(routeFor('tiktok', { folder: true, webhook: false, routes: { tiktok: 'webhook' } })).toBe('folder');
    expect(routeFor('x', { folder: false, webhook: true, routes: { x: 'folder' } })).toBe('webhook');
    expect(routeFor('x', { folder: false, webhook: false, routes: {} })).toBeNull();
  });

  it('with both set, follows the person’s choice per channel, the webhook otherwise', () => {
    const s = { folder: true, webhook: true, routes: { linkedin: 'folder' as const } };
    expect(routeFor('linkedin', s)).toBe('folder');
    expect(routeFor('tiktok', s)).toBe('webhook');
    expect(effectiveRoutes(s)).toMatchObject({ linkedin: 'folder', tiktok: 'webhook', x: 'webhook' });
    expect(Object.keys(effectiveRoutes(s))).toHaveLength(7);
  });
});

describe('webhook checks', () => {
  it('takes http(s) addresses and says what is wrong with others', () => {
    expect(webhookUrlProblem('https://hooks.example.com/postframe?team=1')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlProblem('  ')).toMatch(/Type the webhook’s address/);
    expect(webhookUrlProblem('hooks.example.com')).toMatch(/not a web address.*https:\/\//);
    expect(webhookUrlProblem('ftp://example.com/x')).toMatch(/http:\/\/ or https:\/\/ address, not ftp:/);
    expect(webhookUrlProblem('https://me:pw@example.com/x')).toMatch(/secret header/);
    expect(webhookUrlProblem('https://example.com/x#frag')).toMatch(/#…/);
  });

  it('takes header names that are HTTP tokens Postframe does not set itself', () => {
    expect(headerNameProblem('Authorization')).toBeNull();
    expect(headerNameProblem('X-Api-Key')).toBeNull();
    expect(headerNameProblem('Bad Header')).toMatch(/cannot be a header name/);
    expect(headerNameProblem('Idempotency-Key')).toMatch(/sets Idempotency-Key itself/);
    expect(headerNameProblem('content-length')).toMatch(/itself/);
  });

  it('refuses a secret with a line break (it would split the request) but takes tabs and symbols', () => {
    expect(headerValueProblem('Bearer abc.DEF_123=\t')).toBeNull();
    expect(headerValueProblem('Bearer abc\r\nX-Evil: 1')).toMatch(/line break/);
  });

  it('bounds the timeout', () => {
    expect(timeoutProblem(60)).toBeNull();
    expect(timeoutProblem(4)).toMatch(/from 5 to 600/);
    expect(timeoutProblem(601)).toMatch(/from 5 to 600/);
    expect(timeoutProblem(7.5)).toMatch(/whole number/);
  });

  it('the input keeps "left out" apart from "removed"', () => {
    expect(ConnectorSettingsInput.parse({})).toEqual({});
    expect(ConnectorSettingsInput.parse({ folder: null })).toEqual({ folder: null });
    expect(ConnectorSettingsInput.parse({ webhook: { url: 'https://x' } })).toEqual({ webhook: { url: 'https://x', headerName: null, timeoutSec: 60 } });
  });
});

describe('secretStaysWith (issue 9 §6)', () => {
  it('keeps a secret only on the same origin: scheme, host and port as the URL parser spells them', () => {
    expect(secretStaysWith('https://hooks.example.com/a', 'https://HOOKS.example.com:443/b?x=1')).toBe(true);
    expect(secretStaysWith('http://127.0.0.1:8080/a', 'http://127.1:8080/b')).toBe(true);
    for (const to of ['http://hooks.example.com/a', 'https://hooks.example.com:8443/a', 'https://evil.example.net/a', 'https://hooks.example.com.evil.net/a', 'not a url']) {
      expect(secretStaysWith('https://hooks.example.com/a', to), to).toBe(false);
    }
    expect(secretStaysWith('not a url', 'not a url')).toBe(false);
  });
});
