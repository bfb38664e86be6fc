import { protocol, type Session } from 'electron';
import { MEDIA_SCHEME } from '../api/transport';
import { serveMedia, type ByteResolvers, type MediaResolver } from './media-response';
import type { RendererTarget } from './trust';

export type { ByteResolvers, MediaResolver };

/**
 * Must run before `app.ready`: `media:` behaves like https (standard URL parsing, secure context,
 * fetch() and streaming for <video> seeking). It never bypasses CSP; the CSP lists `media:` explicitly.
 */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}

/**
 * Serves `media://asset/<id>/<variant>`, `media://text/<key>.png` and `media://export/<jobId>` from the
 * library. The only file ever opened is the one the studio resolved (the studio confines paths to the library
 * folder); the URL never carries a path.
 */
export function handleMediaProtocol(ses: Session, resolve: MediaResolver, target: RendererTarget, more: ByteResolvers = {}): void {
  ses.protocol.handle(MEDIA_SCHEME, (request) => serveMedia(request, resolve, target, more));
}
