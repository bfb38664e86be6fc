/**
 * The text rasteriser's process (started by text-rasteriser.ts with FONTCONFIG_FILE set, so fontconfig, and
 * through it Pango and librsvg, see the bundled and library fonts from the first use of sharp). It draws one
 * layer per request with text-draw.ts and answers with the anchor or a clear error. It talks over Node's IPC
 * channel (child_process.fork) or Electron's parentPort (utilityProcess.fork), and exits when its parent goes:
 * a killed app never leaves it behind.
 */
import { type CaptionAnchor, type CaptionDrawRequest, drawCaptionStates } from './caption-draw';
import { type Anchor, type DrawRequest, drawTextLayer } from './text-draw';
import { isAppError } from '../model/errors';

/** A text layer (`req`) or the states of one caption cue (`caption`). */
export type WorkerRequest = { id: number; req: DrawRequest; caption?: undefined } | { id: number; caption: CaptionDrawRequest; req?: undefined };
export type WorkerReply =
  | { id: number; ok: true; anchor: Anchor; anchors?: undefined }
  | { id: number; ok: true; anchors: CaptionAnchor[]; anchor?: undefined }
  | { id: number; ok: false; error: { code: string; message: string } };

type ParentPort = { on(event: 'message', f: (e: { data: unknown }) => void): void; postMessage(m: unknown): void };
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const send = (m: WorkerReply): void => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

async function handle(m: WorkerRequest): Promise<void> {
  try {
    if (m.caption) send({ id: m.id, ok: true, anchors: await drawCaptionStates(m.caption) });
    else send({ id: m.id, ok: true, anchor: await drawTextLayer(m.req) });
  } catch (e) {
    // AppErrors (too large to draw…) keep their words; anything else is reported without a stack.
    const error = isAppError(e) ? { code: e.code, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    send({ id: m.id, ok: false, error });
  }
}

const onMessage = (m: unknown): void => {
  const msg = m as WorkerRequest;
  if (typeof msg?.id !== 'number' || !(msg.req || msg.caption)) return;
  void handle(msg);
};

if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else {
  process.on('message', onMessage);
  // The parent ended (or closed the channel): nothing more will come, and nobody would read an answer.
  process.on('disconnect', () => process.exit(0));
}
