import type { ConvertReply, ConvertRequest } from './frameWorker';

/**
 * The main thread's side of frameWorker.ts: a video's current picture, taken as a VideoFrame (cheap: no pixels
 * are converted) and sent to a worker, comes back as an ImageBitmap of the asked size. Two workers, so the two
 * pictures of a picture-in-picture convert on both cores at once. Where workers, OffscreenCanvas or VideoFrame
 * are missing or a worker fails, `frameConverter()` is null and the caller converts on the main thread.
 */
export type FrameConverter = { convert(el: HTMLVideoElement, width: number, height: number): Promise<ImageBitmap> };

const WORKERS = 2;
type Lane = { worker: Worker; waiting: Map<number, { resolve: (b: ImageBitmap) => void; reject: (e: Error) => void }> };
let lanes: Lane[] | null = null;
let broken = typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || typeof VideoFrame === 'undefined';
let nextId = 1;

function fail(message: string): void {
  broken = true;
  for (const lane of lanes ?? []) {
    for (const w of lane.waiting.values()) w.reject(new Error(message));
    lane.worker.terminate();
  }
  lanes = null;
}

function startLanes(): Lane[] {
  return Array.from({ length: WORKERS }, () => {
    const lane: Lane = { worker: new Worker(new URL('./frameWorker.ts', import.meta.url), { type: 'module' }), waiting: new Map() };
    lane.worker.addEventListener('message', (e: MessageEvent<ConvertReply>) => {
      const w = lane.waiting.get(e.data.id);
      if (!w) return;
      lane.waiting.delete(e.data.id);
      if ('bitmap' in e.data) w.resolve(e.data.bitmap);
      else w.reject(new Error(e.data.error));
    });
    // A worker that cannot load (a page whose policy forbids it) or crashes: every picture converts on the main thread.
    lane.worker.addEventListener('error', () => fail('the preview’s frame worker stopped'));
    return lane;
  });
}

const converter: FrameConverter = {
  convert(el, width, height) {
    if (broken) return Promise.reject(new Error('no frame worker'));
    try {
      lanes ??= startLanes();
    } catch (e) {
      fail(String(e));
      return Promise.reject(new Error('no frame worker'));
    }
    // Throws when the element has no picture (the caller checked readyState; a race still lands in the catch).
    const frame = new VideoFrame(el);
    const lane = lanes.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = nextId++;
    return new Promise<ImageBitmap>((resolve, reject) => {
      lane.waiting.set(id, { resolve, reject });
      const req: ConvertRequest = { id, frame, width, height };
      lane.worker.postMessage(req, [frame]);
    });
  },
};

/** The shared converter, or null where pictures must be converted on the main thread. */
export function frameConverter(): FrameConverter | null {
  return broken ? null : converter;
}
