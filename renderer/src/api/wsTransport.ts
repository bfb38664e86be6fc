import type { CallResult, EventName, WireMessage, WireRequest } from '../../../electron/api/contract';
import { HOST_SESSION_ENDED_CLOSE } from '../../../electron/api/transport';
import type { ErrorCode } from '../../../electron/model/errors';

/** `signed-out`: the host no longer knows this page (restarted, or signed in elsewhere); the page stops trying. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'signed-out';

/** What the host says of this page's session after a socket closed (`unreachable`: it did not answer). */
export type SessionCheck = 'signed-in' | 'signed-out' | 'unreachable';

/** WebSocket.OPEN, spelled out so this module also loads where no WebSocket global exists (unit tests). */
const OPEN = 1;

type Pending = { resolve: (r: CallResult<unknown>) => void; sent: boolean; request: WireRequest };

export type WsTransportOptions = {
  url: string;
  /** Message for calls that were in flight when the connection dropped (they are not retried: not all are idempotent). */
  lostMessage: () => string;
  /** Message for every call once the host says this page is signed out. */
  signedOutMessage: () => string;
  /**
   * Asks the host whether this page is still signed in, after a socket closed. A browser cannot read why an
   * upgrade was refused (a 403 and a server that is down look the same), so this tells "keep trying" from "stop".
   */
  checkSession?: () => Promise<SessionCheck>;
  createSocket?: (url: string) => WebSocket;
  /** Backoff schedule in ms; the last value repeats. */
  backoffMs?: readonly number[];
};

/**
 * The browser-mode transport: one WebSocket carrying `WireRequest`s out and `WireMessage`s in.
 * Requests made before the socket opens (or while reconnecting) are queued and sent on open.
 * The host's session cookie and the page key in the URL authenticate the upgrade. When a socket closes, the host
 * is asked whether this page is still signed in (checkSession): if not, the transport stops (status `signed-out`).
 */
export class WsTransport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private attempt = 0;
  private everOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  status: ConnectionStatus = 'connecting';
  /**
   * The reason the host gave when it closed the socket because this page's session ended (close code 4401), or
   * null: the host's words for why (model/session-end.ts), which the sign-in screen turns into one line.
   */
  endReason: string | null = null;

  constructor(private readonly options: WsTransportOptions) {
    this.connect();
  }

  call(name: string, input: unknown): Promise<CallResult<unknown>> {
    if (this.status === 'signed-out') return Promise.resolve(this.signedOutResult());
    return new Promise((resolve) => {
      const request: WireRequest = { id: this.nextId++, call: name, input };
      const entry: Pending = { resolve, sent: false, request };
      this.pending.set(request.id, entry);
      if (this.socket?.readyState === OPEN) this.send(entry);
    });
  }

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  /**
   * The host no longer knows this page (a session check, or an upload or chunk answered 401/403): every call
   * waiting or to come gets why, and nothing is retried. Only opening the sign-in link again helps.
   */
  signOut(): void {
    if (this.status === 'signed-out') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    for (const entry of this.pending.values()) entry.resolve(this.signedOutResult());
    this.pending.clear();
    this.setStatus('signed-out');
  }

  private signedOutResult(): CallResult<unknown> {
    return { ok: false, error: { code: 'unauthorized', message: this.options.signedOutMessage() } };
  }

  private send(entry: Pending): void {
    entry.sent = true;
    this.socket?.send(JSON.stringify(entry.request));
  }

  private connect(): void {
    this.retryTimer = null;
    const socket = (this.options.createSocket ?? ((u) => new WebSocket(u)))(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.everOpened = true;
      this.setStatus('open');
      for (const entry of this.pending.values()) if (!entry.sent) this.send(entry);
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: WireMessage;
      try {
        msg = JSON.parse(ev.data) as WireMessage;
      } catch {
        return;
      }
      if (msg.type === 'result') {
        // id null: the host could not read something this page sent as a request (a bug here, never the user's).
        if (msg.id === null) return console.error('[api] the host refused a message:', msg.result.ok ? msg.result : msg.result.error.message);
        const entry = this.pending.get(msg.id);
        if (entry) {
          this.pending.delete(msg.id);
          entry.resolve(msg.result);
        }
      } else if (msg.type === 'event') {
        for (const l of this.eventListeners) l(msg.name, msg.payload);
      }
    };
    socket.onclose = (ev?: { code?: number; reason?: string }) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (ev?.code === HOST_SESSION_ENDED_CLOSE) this.endReason = ev.reason ?? '';
      const code: ErrorCode = 'library_unavailable';
      for (const [id, entry] of this.pending) {
        if (!entry.sent) continue;
        this.pending.delete(id);
        entry.resolve({ ok: false, error: { code, message: this.options.lostMessage() } });
      }
      this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
      this.afterClose();
    };
    // onerror is always followed by onclose; nothing to do here, and logging would be noise.
    socket.onerror = () => undefined;
  }

  /** Tries again, unless the host says this page is signed out. */
  private afterClose(): void {
    const check = this.options.checkSession;
    if (!check) return this.scheduleReconnect();
    check().then(
      (answer) => {
        if (this.status === 'signed-out' || this.socket) return; // settled meanwhile
        if (answer === 'signed-out') this.signOut();
        else this.scheduleReconnect();
      },
      () => this.scheduleReconnect(),
    );
  }

  private scheduleReconnect(): void {
    if (this.status === 'signed-out') return;
    if (this.retryTimer) return;
    const schedule = this.options.backoffMs ?? [250, 500, 1000, 2000, 4000, 8000];
    const delay = schedule[Math.min(this.attempt, schedule.length - 1)] ?? 8000;
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
