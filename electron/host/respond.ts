import type { ServerResponse } from 'node:http';

export const CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Content-Security-Policy': CSP, ...headers });
  res.end(body);
}

/** A JSON answer that no cache keeps (sign-in answers carry keys; session answers change). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}): void {
  send(res, status, 'application/json', JSON.stringify(body), { 'Cache-Control': 'no-store', ...headers });
}
