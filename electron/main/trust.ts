import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the app's own renderer lives: the electron-vite dev server (development only) or the built
 * index.html on disk. Every trust decision in the main process (IPC senders, permissions, CSP header,
 * navigation) asks this one object, so there is a single definition of "our page".
 *
 * Pure Node: no `electron` import, so it is unit-tested without an Electron binary.
 */
export type RendererTarget =
  | { kind: 'dev'; url: string; origin: string }
  | { kind: 'file'; url: string; filePath: string };

/**
 * Picks the renderer target. The dev server URL is honoured only for an unpackaged app and only when it
 * points at a loopback http(s) origin: a packaged app must never be redirected to remote content by an
 * environment variable.
 */
export function resolveRendererTarget(opts: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  indexHtmlPath: string;
}): RendererTarget {
  if (!opts.isPackaged && opts.devServerUrl) {
    const dev = parseLoopbackUrl(opts.devServerUrl);
    if (dev) return { kind: 'dev', url: dev.href, origin: dev.origin };
  }
  const filePath = path.resolve(opts.indexHtmlPath);
  return { kind: 'file', url: pathToFileURL(filePath).href, filePath };
}

function parseLoopbackUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname;
  if (host !== 'localhost' && host !== '127.0.0.1' && host !== '[::1]' && host !== '::1') return null;
  return url;
}

/**
 * Is `rawUrl` a document of the app itself? Dev: same origin as the dev server. Packaged: exactly the
 * built index.html (query and hash ignored); any other file:// URL is foreign.
 */
export function isAppUrl(rawUrl: string | undefined | null, target: RendererTarget): boolean {
  if (!rawUrl) return false;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (target.kind === 'dev') return url.origin === target.origin;
  if (url.protocol !== 'file:') return false;
  url.hash = '';
  url.search = '';
  return url.href === target.url;
}

/**
 * Is `origin` (as Chromium reports it for permission checks) the app's own? For file:// pages Chromium
 * reports "file://" or "file:///"; we accept those only when a full URL is not available.
 */
export function isAppOrigin(origin: string | undefined | null, target: RendererTarget): boolean {
  if (!origin) return false;
  if (target.kind === 'dev') return trimSlash(origin) === target.origin;
  return origin === 'file://' || origin === 'file:///';
}

function trimSlash(s: string): string {
  return s.endsWith('/') ? s.slice(0, -1) : s;
}

/** Permissions the Capture room needs: camera/microphone ('media') and screen recording ('display-capture'). */
export const CAPTURE_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'display-capture']);

/**
 * Whether a permission request is granted: only capture permissions, only for the app's own page in its main
 * frame (an iframe or any other page, even inside our window, is refused). Everything else is refused.
 */
export function mayGrantPermission(
  permission: string,
  r: { isMainFrame: boolean; requestingUrl: string | undefined; pageUrl: string | undefined },
  target: RendererTarget,
): boolean {
  return CAPTURE_PERMISSIONS.has(permission) && r.isMainFrame && isAppUrl(r.requestingUrl, target) && isAppUrl(r.pageUrl, target);
}

/** Permission checks (before a request): the same rule, with only an origin when Chromium gives no URL. */
export function passesPermissionCheck(
  permission: string,
  r: { requestingUrl: string | undefined; requestingOrigin: string; pageUrl: string | undefined | null },
  target: RendererTarget,
): boolean {
  if (!CAPTURE_PERMISSIONS.has(permission)) return false;
  if (r.pageUrl !== undefined && r.pageUrl !== null && !isAppUrl(r.pageUrl, target)) return false;
  if (r.requestingUrl) return isAppUrl(r.requestingUrl, target);
  return isAppOrigin(r.requestingOrigin, target);
}

/** External links: only https, never anything that could run or read local content. */
export function isAllowedExternalUrl(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The CSP the renderer runs under (mirrors renderer/index.html's meta tag; both apply, the stricter wins). */
export function contentSecurityPolicy(target: RendererTarget): string {
  const devScript = target.kind === 'dev' ? " 'unsafe-inline'" : '';
  const devConnect = target.kind === 'dev' ? ` ${target.origin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'self'",
    "img-src 'self' media: blob: data:",
    "media-src 'self' media: blob:",
    `connect-src 'self' media:${devConnect}`,
    "style-src 'self' 'unsafe-inline'",
    `script-src 'self'${devScript}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `media://asset/<id>/<variant>` → its parts, or null for anything else. */
export function parseMediaUrl(
  rawUrl: string,
  variants: readonly string[],
): { assetId: string; variant: string } | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'media:' || url.hostname !== 'asset') return null;
  const parts = url.pathname.split('/');
  if (parts.length !== 3 || parts[0] !== '') return null;
  const [, rawId = '', variant = ''] = parts;
  let assetId: string;
  try {
    assetId = decodeURIComponent(rawId);
  } catch {
    return null;
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(assetId)) return null;
  if (!variants.includes(variant)) return null;
  return { assetId, variant };
}
