import type { Session } from 'electron';
import { contentSecurityPolicy, isAppUrl, type RendererTarget } from './trust';

/**
 * Sends the CSP as a response header for the app's own documents, in addition to the meta tag in
 * renderer/index.html. (Chromium applies both; file:// responses may not pass through webRequest, which
 * is why the meta tag stays the baseline.)
 */
export function installCspHeader(ses: Session, target: RendererTarget): void {
  const csp = contentSecurityPolicy(target);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, target)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([key]) => key.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
