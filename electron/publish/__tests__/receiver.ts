import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver for tests, on 127.0.0.1 only. It reads each request's whole body, records it per
 * Idempotency-Key, then lets the test decide the answer (or no answer). `bodies` counts complete bodies per key,
 * `accepted` the ones answered 2xx: "received at most once" is checked on these.
 */
export interface ReceivedRequest {
  key: string;
  userAgent: string;
  contentType: string;
  /** The Content-Length header (null when the request was chunked). */
  contentLength: number | null;
  /** Every header as received (names in lower case). */
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
export type Behaviour = (req: ReceivedRequest, res: http.ServerResponse, n: number) => void;

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  bodies: Map<string, number>;
  accepted: Map<string, number>;
  /** Resolves when the next complete body has been read (before the answer). */
  nextBody(): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startReceiver(behaviour: Behaviour): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const bodies = new Map<string, number>();
  const accepted = new Map<string, number>();
  const waiters: ((r: ReceivedRequest) => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ReceivedRequest = {
        key: String(req.headers['idempotency-key'] ?? ''),
        userAgent: String(req.headers['user-agent'] ?? ''),
        contentType: String(req.headers['content-type'] ?? ''),
        contentLength: req.headers['content-length'] == null ? null : Number(req.headers['content-length']),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(r);
      bodies.set(r.key, (bodies.get(r.key) ?? 0) + 1);
      res.on('finish', () => {
        if (res.statusCode >= 200 && res.statusCode < 300) accepted.set(r.key, (accepted.get(r.key) ?? 0) + 1);
      });
      waiters.splice(0).forEach((w) => w(r));
      behaviour(r, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    bodies,
    accepted,
    nextBody: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Splits a multipart/form-data body into its parts (name → headers and bytes; the last part of a name wins). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, { headers: string; data: Buffer }> {
  return new Map(multipartParts(body, contentType).map((p) => [p.name, { headers: p.headers, data: p.data }]));
}

/** Every part of a multipart/form-data body in order, with its name and filename (several parts may share a name). */
export function multipartParts(body: Buffer, contentType: string): { name: string; filename: string | null; headers: string; data: Buffer }[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)![1]!;
  const parts: { name: string; filename: string | null; headers: string; data: Buffer }[] = [];
  const delim = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delim);
  for (let guard = 0; guard < 100 && at >= 0; guard++) {
    const start = at + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    const part = body.subarray(start + 2, next - 2);
    const sep = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, sep).toString();
    parts.push({ name: /name="([^"]+)"/.exec(headers)![1]!, filename: /filename="([^"]+)"/.exec(headers)?.[1] ?? null, headers, data: part.subarray(sep + 4) });
    at = next;
  }
  return parts;
}
