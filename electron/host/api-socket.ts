import type { WebSocket } from 'ws';
import type { CallResult } from '../api/contract';
import { parseWireRequest, resultMessage } from '../api/wire';

export type Route = (name: unknown, input: unknown) => Promise<CallResult<unknown>>;
type Log = { info(msg: string): void; error(msg: string, ...rest: unknown[]): void };

/**
 * The largest API message the host reads. The biggest real request is a bulk CSV (`queue.importCsv`, at most
 * 5,000,000 characters, up to 15 MB as UTF-8 JSON); anything longer is closed with 1009 (message too big).
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Serves the API on one signed-in WebSocket. Every message gets an answer: a request its call's result, and
 * anything else (not JSON, `null`, no usable id) an `invalid_input` result with `id: null`. A frame that breaks
 * the protocol (reserved opcode or bits, unmasked, bad UTF-8, over the size limit) makes `ws` close this socket
 * with 1002/1007/1009 and emit 'error' here; without this listener that error would end the process.
 */
export function serveApiSocket(ws: WebSocket, route: Route, log: Log): void {
  ws.on('error', (e: Error & { code?: string }) => {
    log.info(`[host] closed an API socket: ${e.message}${e.code ? ` (${e.code})` : ''}`);
  });
  const reply = (text: string) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  ws.on('message', (data) => {
    const parsed = parseWireRequest(rawText(data));
    if (!parsed.ok) return reply(resultMessage(null, { ok: false, error: { code: 'invalid_input', message: parsed.message } }));
    const { id, call, input } = parsed.request;
    route(call, input).then(
      (result) => reply(resultMessage(id, result)),
      // The router folds every failure into a result; this is the net under it.
      (e: unknown) => {
        log.error('[host] an API call failed outside the router', e);
        reply(resultMessage(id, { ok: false, error: { code: 'internal', message: 'Something went wrong. Try again; if it keeps happening, restart Postframe.' } }));
      },
    );
  });
}

/** A WebSocket message's bytes as text (ws hands over a Buffer, or fragments as an array of them). */
function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
