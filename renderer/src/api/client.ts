import type {
  CallInput,
  CallName,
  CallOutput,
  CallResult,
  EventName,
  EventPayload,
} from '../../../electron/api/contract';
import { BRIDGE_KEY, HOST_API_KEY_PARAM, HOST_KEY_HEADER, HOST_PATHS, type HostKeys, type PreloadBridge } from '../../../electron/api/transport';
import type { ErrorCode } from '../../../electron/model/errors';
import { parseSessionEnd, type SessionEnd } from '../../../electron/model/session-end';
import { t } from '../i18n';
import { takeHostKeys } from './hostKeys';
import { type ConnectionStatus, type SessionCheck, WsTransport } from './wsTransport';

export type { ConnectionStatus };

/** A failed call: `code` is stable for logic, `message` is written for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Transport {
  call(name: CallName, input: unknown): Promise<CallResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  onStatus(listener: (s: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
}

/** The preload bridge when running inside Electron, otherwise null (browser mode). */
export function getBridge(): PreloadBridge | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  return candidate && typeof candidate === 'object' ? (candidate as PreloadBridge) : null;
}

function bridgeTransport(bridge: PreloadBridge): Transport {
  return {
    call: (name, input) => bridge.call(name, input),
    onEvent: (listener) => bridge.onEvent(listener),
    onStatus: () => () => undefined,
    status: 'open',
  };
}

const bridge = getBridge();
export const shell: 'electron' | 'browser' = bridge ? 'electron' : 'browser';

/** Browser mode's page keys, taken once as the page loads (before anything else reads the address). */
const keys: HostKeys | null = bridge ? null : takeHostKeys(window.location, safeLocalStorage(), (url) => window.history.replaceState(window.history.state, '', url));
if (!bridge && !keys) console.warn('[api] This page has no Postframe keys: open the link printed by postframe serve.');

/** The keys the host wants besides its cookie (empty in Electron, where nothing asks for them). */
export function hostKeys(): HostKeys {
  return keys ?? { page: '', media: '' };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function apiSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${HOST_PATHS.api}?${HOST_API_KEY_PARAM}=${encodeURIComponent(hostKeys().page)}`;
}

/** Asks the host whether this page is still signed in (HOST_PATHS.session); any failure to ask is `unreachable`. */
export async function checkSession(): Promise<SessionCheck> {
  try {
    const res = await fetch(HOST_PATHS.session, { method: 'POST', headers: { [HOST_KEY_HEADER]: hostKeys().page }, credentials: 'same-origin', cache: 'no-store' });
    // 200 answers { signedIn, user?, setupNeeded } (a page whose session ended reads signedIn: false); 401 too.
    if (res.status === 200) return ((await res.json().catch(() => ({ signedIn: true }))) as { signedIn?: unknown }).signedIn === false ? 'signed-out' : 'signed-in';
    return res.status === 401 ? 'signed-out' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

const transport: Transport & { signOut(): void; endReason?: string | null } = bridge
  ? { ...bridgeTransport(bridge), signOut: () => undefined }
  : new WsTransport({ url: apiSocketUrl(), lostMessage: () => t('error.connectionLost'), signedOutMessage: () => t('connection.signedOut'), checkSession });

/**
 * The host refused this page's key or cookie (an upload or a recording chunk answered 401/403): the page is no
 * longer signed in. Stops the API connection and shows why; returns the words to show where it happened.
 */
export function signedOut(): string {
  transport.signOut();
  return t('connection.signedOut');
}

/**
 * A call's input as the renderer writes it: never who acts. The host fills `actorId` from the session's user
 * (electron/api/router.ts) and refuses an input naming anyone else, so the page has nothing to say about it.
 */
export type ClientInput<K extends CallName> = WithoutActor<CallInput<K>>;
type WithoutActor<I> = I extends object ? Omit<I, 'actorId'> : I;

/** Calls the engine. Resolves with the call's output or throws an `ApiError`. */
export async function call<K extends CallName>(name: K, input: ClientInput<K>): Promise<CallOutput<K>> {
  let result: CallResult<unknown>;
  try {
    result = await transport.call(name, input);
  } catch (e) {
    throw new ApiError('internal', errorText(e));
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as CallOutput<K>;
}

type AnyHandler = (payload: unknown) => void;
const handlers = new Map<EventName, Set<AnyHandler>>();

transport.onEvent((name, payload) => {
  const set = handlers.get(name);
  if (!set) return;
  for (const h of set) {
    try {
      h(payload);
    } catch (e) {
      console.error(`[events] ${name} handler failed`, e);
    }
  }
});

/** Subscribes to one engine event; returns the unsubscribe function. */
export function onEvent<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void): () => void {
  let set = handlers.get(name);
  if (!set) {
    set = new Set();
    handlers.set(name, set);
  }
  const h = handler as AnyHandler;
  set.add(h);
  return () => {
    set.delete(h);
  };
}

/** Why the host ended this page's session, when it said (browser mode); null when it did not. */
export function sessionEnd(): SessionEnd | null {
  return parseSessionEnd(transport.endReason ?? '');
}

export function connectionStatus(): ConnectionStatus {
  return transport.status;
}

export function onConnectionStatus(listener: (s: ConnectionStatus) => void): () => void {
  return transport.onStatus(listener);
}
