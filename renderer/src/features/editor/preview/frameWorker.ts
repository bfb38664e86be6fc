/**
 * Converts video pictures for the preview off the main thread (frameConverter.ts). Chromium's YUV→RGB
 * conversion of a frame costs the same whatever size it is drawn at (~15 ms for a 540x960 proxy frame on the
 * 2-core machine, docs/performance.md), and on the main thread it starved the animation frames; here it runs on
 * another core. The conversion is Chromium's own (drawImage of the VideoFrame), so the colours are those of the
 * matrix and range the video declares, as when the <video> element is drawn.
 */
export type ConvertRequest = { id: number; frame: VideoFrame; width: number; height: number };
export type ConvertReply = { id: number; bitmap: ImageBitmap } | { id: number; error: string };

let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

function convert({ frame, width, height }: ConvertRequest): ImageBitmap {
  try {
    if (!canvas || !ctx) {
      canvas = new OffscreenCanvas(width, height);
      ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('no 2D context in the worker');
    } else if (canvas.width !== width || canvas.height !== height) {
      [canvas.width, canvas.height] = [width, height];
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(frame, 0, 0, width, height);
    return canvas.transferToImageBitmap();
  } finally {
    frame.close();
  }
}

addEventListener('message', (e: MessageEvent<ConvertRequest>) => {
  let reply: ConvertReply;
  try {
    const bitmap = convert(e.data);
    reply = { id: e.data.id, bitmap };
    postMessage(reply, { transfer: [bitmap] });
  } catch (err) {
    reply = { id: e.data.id, error: err instanceof Error ? err.message : String(err) };
    postMessage(reply);
  }
});
