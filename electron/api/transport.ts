import type { CallName, CallResult, EventName } from './contract';
import type { MediaVariant } from '../model/asset';
import type { ErrorCode } from '../model/errors';
import type { ChannelId, Role, User } from '../model/post';
import type { ChunkAck } from '../model/recording';

/** Paths of the browser-mode host. Auth: a session cookie from signing in (`login` and co.), plus the page keys below. */
export const HOST_PATHS = {
  api: '/api',
  upload: '/upload',
  media: '/media',
  text: '/text',
  exports: '/exports',
  /** `GET /fonts/<sha256>`: a library font's file (FontRecord.id), the bytes the text rasteriser draws with. */
  fonts: '/fonts',
  /** `/kit-files/<fileName>`: a kit file `kits.export` wrote into the library's exports/kits/ (browser download). */
  kitFiles: '/kit-files',
  /** `POST /recordings/<id>/chunks/<seq>` with a take's next chunk as the raw body (answer: ChunkAck). */
  recordings: '/recordings',
  /**
   * `POST /session` with the page key header: 200 `{signedIn: true}` while the cookie and key are this server's,
   * else 401 (one answer for every reason). After its socket closes, a tab asks this to tell a server that is down
   * (keep trying) from one that no longer knows it (stop and say so), which a refused upgrade cannot tell it.
   */
  session: '/session',
  /**
   * Signing in (docs/security.md, "Browser mode on a network"): `POST` with a JSON body, our own Origin and
   * `Content-Type: application/json`. Login, setup, invite and reset answer 200 `AuthAnswer` with the session cookie,
   * or `AuthRefusal` (400 bad input, 401 wrong login or password, 403 not allowed, 404 link used or expired, 409
   * conflict, 429 throttled with Retry-After). Logout ends this browser's session and clears the cookie.
   */
  login: '/auth/login',
  setup: '/auth/setup',
  invite: '/auth/invite',
  reset: '/auth/reset',
  logout: '/auth/logout',
  /**
   * `POST {token}`: whether an invite link works, checked when its page opens and never used up. Answers 200
   * `InviteCheck`: the state, and only for a working link the role, channels and the library's name.
   */
  inviteCheck: '/auth/invite-check',
} as const;

/** What an invite link's page is told before anything is typed (`HOST_PATHS.inviteCheck`). */
export type InviteCheck = { state: 'valid' | 'used' | 'expired' | 'unknown'; role: Role | null; approverChannels: ChannelId[] | null; library: string | null };

/**
 * The answer of `POST /session`: 200 `{signedIn: true, user, setupNeeded}` for this session's cookie with its page
 * key, else 401 `{signedIn: false, setupNeeded, code, message}` (one answer for every reason). `setupNeeded`: no
 * admin can sign in yet, so the page offers "create the admin account" (with the link's `#setup=` token).
 */
export type SessionAnswer = { signedIn: boolean; user?: User; setupNeeded: boolean };

/** A successful sign-in (login, setup, invite, reset): who signed in and the page keys of this session. */
export type AuthAnswer = { user: User; keys: HostKeys };
/** A refused sign-in or auth request; `retryAfterSeconds` with 429 (also in the Retry-After header). */
export type AuthRefusal = { code: ErrorCode | 'throttled'; message: string; retryAfterSeconds?: number };

/**
 * The close code of an API socket whose session ended (signed out here or everywhere, disabled, password changed or
 * reset, expired): the reason says so in words. The page stops and shows its sign-in screen.
 */
export const HOST_SESSION_ENDED_CLOSE = 4401;

/** serve's first-start link: `<origin>/#setup=<token>` (the host's one-time setup token). */
export const HOST_SETUP_FRAGMENT = 'setup';

/**
 * Browser mode's page keys (docs/security.md, "Browser-mode sessions"). The session cookie alone is not enough:
 * cookies ignore ports, so any other server on 127.0.0.1 receives it. Signing in answers the keys of that session
 * (AuthAnswer.keys; `/#pf-keys=<pageKey>.<mediaKey>` is how a page hands them to itself across a reload); the page
 * keeps both in localStorage, which is per origin (port included).
 * The API upgrade carries the page key as `?key=`, uploads and recording chunks in a header, and media, text
 * layer and export addresses (which `<video>`/`<img>`/downloads load without headers) carry the media key as `?k=`.
 */
export const HOST_KEYS_FRAGMENT = 'pf-keys';
export const HOST_KEY_HEADER = 'X-Postframe-Key';
export const HOST_API_KEY_PARAM = 'key';
export const HOST_MEDIA_KEY_PARAM = 'k';
export type HostKeys = { page: string; media: string };

/** The keys in a location hash (`#pf-keys=<page>.<media>`), or null. */
export function parseHostKeys(hash: string): HostKeys | null {
  const m = /^#?pf-keys=([A-Za-z0-9_-]{16,128})\.([A-Za-z0-9_-]{16,128})$/.exec(hash);
  return m ? { page: m[1]!, media: m[2]! } : null;
}

/** A host address with the media key added. */
export function withMediaKey(pathAndQuery: string, mediaKey: string): string {
  return `${pathAndQuery}${pathAndQuery.includes('?') ? '&' : '?'}${HOST_MEDIA_KEY_PARAM}=${encodeURIComponent(mediaKey)}`;
}

/** Electron: the custom protocol that serves library media (`media://asset/<id>/<variant>`). */
export const MEDIA_SCHEME = 'media';

export function hostMediaPath(assetId: string, variant: MediaVariant): string {
  return `${HOST_PATHS.media}/${encodeURIComponent(assetId)}/${variant}`;
}

export function electronMediaUrl(assetId: string, variant: MediaVariant): string {
  return `${MEDIA_SCHEME}://asset/${encodeURIComponent(assetId)}/${variant}`;
}

/** A rasterised text layer (TextLayerImage.key) from cache/text/. */
export function hostTextLayerPath(key: string): string {
  return `${HOST_PATHS.text}/${encodeURIComponent(key)}.png`;
}
export function electronTextLayerUrl(key: string): string {
  return `${MEDIA_SCHEME}://text/${encodeURIComponent(key)}.png`;
}

/** A library font's file (by its id, the SHA-256 of the bytes): the Brand room's samples load it as a FontFace. */
export function hostFontPath(fontId: string): string {
  return `${HOST_PATHS.fonts}/${encodeURIComponent(fontId)}`;
}
export function electronFontUrl(fontId: string): string {
  return `${MEDIA_SCHEME}://font/${encodeURIComponent(fontId)}`;
}

/**
 * A finished export (by its job id), for download in browser mode. `output` picks one file of a one-pass export of
 * several channel variants (0-based, in the job's order); without it, the export's (first) file.
 */
export function hostExportPath(jobId: string, output?: number): string {
  return `${HOST_PATHS.exports}/${encodeURIComponent(jobId)}${output === undefined ? '' : `/output-${output}`}`;
}
/** One file of a finished image export: `part` is a page's number (1-based) or `pdf`, for download in browser mode. */
export function hostImageExportPath(jobId: string, part: number | 'pdf'): string {
  return `${HOST_PATHS.exports}/${encodeURIComponent(jobId)}/${part}`;
}
/** A kit file written by `kits.export` without a path (its `fileName`), for download in browser mode. */
export function hostKitFilePath(fileName: string): string {
  return `${HOST_PATHS.kitFiles}/${encodeURIComponent(fileName)}`;
}
export function electronExportUrl(jobId: string, output?: number): string {
  return `${MEDIA_SCHEME}://export/${encodeURIComponent(jobId)}${output === undefined ? '' : `/${output}`}`;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback `filename` (quotes and backslashes replaced) and
 * the exact name as RFC 5987 `filename*`, which every current browser prefers (RFC 6266).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Where browser mode sends chunk `seq` of take `id`. */
export function hostChunkPath(id: string, seq: number): string {
  return `${HOST_PATHS.recordings}/${encodeURIComponent(id)}/chunks/${seq}`;
}

/** A screen or window Electron can record (desktopCapturer), with a small picture to choose by. */
export type ScreenSource = { id: string; name: string; kind: 'screen' | 'window'; thumbnail: string };

/** Response of `POST /upload?name=<file name>` (raw body, streamed to disk by the host). */
export type UploadResponse = { id: string; name: string; sizeBytes: number };

/** The object the Electron preload exposes as `window.postframe` (contextBridge). */
export interface PreloadBridge {
  call(name: CallName, input: unknown): Promise<CallResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** Absolute path of a dropped File (webUtils.getPathForFile); '' when it has none. */
  pathForFile(file: File): string;
  /** Native folder/file picker; null when cancelled. */
  pickPaths(options: { directory: boolean; multiple: boolean }): Promise<string[] | null>;
  /** One chunk of a take being recorded (bytes go over IPC, not through the API). */
  sendRecordingChunk(id: string, seq: number, data: Uint8Array): Promise<CallResult<ChunkAck>>;
  /** Screens and windows to record, for the app's own picker. */
  listScreens(): Promise<ScreenSource[]>;
  /** The source the next getDisplayMedia() records (main's display-media handler hands it over once). */
  chooseScreen(id: string): Promise<boolean>;
  /** Shows a finished export's file (by its job id) in the system's file manager; false when the file is gone. */
  revealExport(jobId: string): Promise<boolean>;
  /** The app's sign-in on a team library: ask the state, sign in (the token stays in the main process), sign out. */
  auth(request: { op: 'state' } | { op: 'signIn'; login: string; password: string } | { op: 'signOut' }): Promise<AppAuthAnswer>;
}

export const BRIDGE_KEY = 'postframe';
export const IPC_CALL_CHANNEL = 'postframe:call';
export const IPC_EVENT_CHANNEL = 'postframe:event';
export const IPC_PICK_CHANNEL = 'postframe:pick';
export const IPC_CHUNK_CHANNEL = 'postframe:chunk';
export const IPC_SCREENS_CHANNEL = 'postframe:screens';
export const IPC_CHOOSE_SCREEN_CHANNEL = 'postframe:choose-screen';
export const IPC_REVEAL_EXPORT_CHANNEL = 'postframe:reveal-export';
/** The desktop app's own sign-in on a team library (electron/main/app-session.ts). */
export const IPC_AUTH_CHANNEL = 'postframe:auth';

/** Whether the app's library is a team's and who is signed in (null on a team library until someone signs in). */
export type AppAuthState = { team: boolean; signedIn: boolean; user: User | null };
export type AppAuthAnswer =
  | { ok: true; state: AppAuthState }
  | { ok: false; error: { code: ErrorCode; message: string; retryAfterSeconds?: number } };
