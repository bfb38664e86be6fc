import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A WebSocket client that writes raw frames (RFC 6455 §5.2), so tests can send what no well-behaved client
 * would: reserved opcodes and bits, unmasked frames, lying lengths, oversize payloads, bad UTF-8.
 */

export type FrameSpec = {
  fin?: boolean;
  /** RSV1..3 as a 3-bit number (0 for a normal frame). */
  rsv?: number;
  opcode: number;
  payload?: Buffer;
  /** Masked by default (clients must mask); a given key, or false for an unmasked frame. */
  mask?: Buffer | false;
  /** The length written in the header when it should lie about the payload. */
  declaredLength?: number;
};

export function encodeFrame(f: FrameSpec): Buffer {
  const payload = f.payload ?? Buffer.alloc(0);
  const len = f.declaredLength ?? payload.length;
  const mask = f.mask === false ? null : (f.mask ?? randomBytes(4));
  const head: number[] = [((f.fin ?? true) ? 0x80 : 0) | (((f.rsv ?? 0) & 7) << 4) | (f.opcode & 0xf)];
  const maskBit = mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (len < 126) head.push(maskBit | len);
  else if (len < 0x10000) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(len);
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(len));
  }
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ mask[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, mask ?? Buffer.alloc(0), body]);
}

export type ServerFrame = { opcode: number; payload: Buffer };

/** Frames the server sent, parsed from a byte stream (server frames are never masked). */
export class FrameReader {
  private buf = Buffer.alloc(0);
  push(chunk: Buffer): ServerFrame[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: ServerFrame[] = [];
    for (;;) {
      if (this.buf.length < 2) break;
      const opcode = this.buf[0]! & 0xf;
      let len = this.buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) break;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) break;
        len = Number(this.buf.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buf.length < at + len) break;
      out.push({ opcode, payload: this.buf.subarray(at, at + len) });
      this.buf = this.buf.subarray(at + len);
    }
    return out;
  }
}

export type Upgrade = { socket: RawWs } | { refused: number };

/** One connection: the upgrade, then raw frames out and parsed frames in. */
export class RawWs {
  readonly frames: ServerFrame[] = [];
  /** Resolves when the TCP connection is closed (by either side), with the close code the server sent, if any. */
  readonly closed: Promise<{ closeCode: number | null }>;
  private listeners = new Set<(f: ServerFrame) => void>();

  private constructor(private readonly sock: net.Socket, rest: Buffer) {
    const reader = new FrameReader();
    const take = (chunk: Buffer) => {
      for (const f of reader.push(chunk)) {
        this.frames.push(f);
        // As a real client does: answer the server's close and end our side.
        if (f.opcode === 8) {
          this.send({ opcode: 8, payload: f.payload.subarray(0, 2) });
          this.end();
        }
        for (const l of this.listeners) l(f);
      }
    };
    sock.on('data', take);
    // A reset after the server closed is part of a close, not a test failure.
    sock.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      sock.once('close', () => {
        const close = this.frames.find((f) => f.opcode === 8);
        resolve({ closeCode: close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null });
      }),
    );
    if (rest.length) take(rest);
  }

  static open(port: number, pathAndQuery: string, headers: Record<string, string>): Promise<Upgrade> {
    return new Promise((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1');
      let got = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        got = Buffer.concat([got, chunk]);
        const end = got.indexOf('\r\n\r\n');
        if (end < 0) return;
        sock.off('data', onData);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(got.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        if (status !== 101) {
          sock.destroy();
          resolve({ refused: status });
          return;
        }
        resolve({ socket: new RawWs(sock, got.subarray(end + 4)) });
      };
      sock.on('data', onData);
      sock.once('error', reject);
      sock.once('connect', () => {
        const lines = [
          `GET ${pathAndQuery} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        ];
        sock.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
    });
  }

  write(bytes: Buffer): void {
    if (!this.sock.destroyed && this.sock.writable) this.sock.write(bytes);
  }

  send(f: FrameSpec): void {
    this.write(encodeFrame(f));
  }

  sendText(text: string): void {
    this.send({ opcode: 1, payload: Buffer.from(text, 'utf8') });
  }

  /** Half-closes: the server sees the end of our bytes and must close its side. */
  end(): void {
    if (!this.sock.destroyed) this.sock.end();
  }

  destroy(): void {
    this.sock.destroy();
  }

  /** Text messages the server sent, parsed as JSON. */
  messages(): unknown[] {
    return this.frames.filter((f) => f.opcode === 1).map((f) => JSON.parse(f.payload.toString('utf8')) as unknown);
  }

  /** Resolves with the first text message `pick` accepts (also one already received), or null when the connection closes first. */
  waitFor<T>(pick: (msg: unknown) => T | undefined): Promise<T | null> {
    for (const m of this.messages()) {
      const v = pick(m);
      if (v !== undefined) return Promise.resolve(v);
    }
    return new Promise((resolve) => {
      const l = (f: ServerFrame) => {
        if (f.opcode !== 1) return;
        const v = pick(JSON.parse(f.payload.toString('utf8')) as unknown);
        if (v === undefined) return;
        this.listeners.delete(l);
        resolve(v);
      };
      this.listeners.add(l);
      void this.closed.then(() => {
        if (this.listeners.delete(l)) resolve(null);
      });
    });
  }
}

/** `{type:'result', id, result}` messages with this id. */
export function resultWithId(id: unknown) {
  return (m: unknown): { id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } } | undefined => {
    const r = m as { type?: string; id?: unknown; result?: { ok: boolean } };
    return r && r.type === 'result' && r.id === id ? (m as never) : undefined;
  };
}
