import type { CallResult, WireMessage } from './contract';

/** What a request looks like, for the error a malformed message gets back. */
const SHAPE = 'Send each request as JSON text: {"id": <a whole number>, "call": "<call name>", "input": {…}}.';

/**
 * One WebSocket message of the browser-mode API, read as a request. Anything else (not JSON, `null`, an
 * array, no whole-number `id`) is refused with the reason, so the host answers it instead of going silent.
 */
/** A request as it arrived: the id is checked; the call name and input are the router's to check. */
export type ReceivedRequest = { id: number; call: unknown; input: unknown };

export function parseWireRequest(text: string): { ok: true; request: ReceivedRequest } | { ok: false; message: string } {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { ok: false, message: `This message is not JSON. ${SHAPE}` };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return { ok: false, message: `This message is not a request object. ${SHAPE}` };
  }
  const { id, call, input } = msg as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return { ok: false, message: `This request has no usable "id" (it must be a whole number, so its answer can name it). ${SHAPE}` };
  }
  return { ok: true, request: { id, call, input } };
}

/** The answer to request `id` (null: a message that was not a request). */
export function resultMessage(id: number | null, result: CallResult<unknown>): string {
  return JSON.stringify({ type: 'result', id, result } satisfies WireMessage);
}
