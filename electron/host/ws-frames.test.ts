import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, startHostProcess } from './__tests__/host-process';
import { type FrameSpec, RawWs, resultWithId } from './__tests__/raw-ws';
import { type Session, apiUpgrade, signIn } from './__tests__/sign-in';

// Item 1 of issue 9: one malformed WebSocket frame used to kill `postframe serve` (an uncaught `ws` error).
// The host runs in a process of its own here, so a crash shows as a dead process, not a test-runner error.

describe('the host survives malformed WebSocket frames', () => {
  let host: HostProcess;
  let session: Session;
  /** A socket that stays open through every case: a bad frame closes its own socket only. */
  let bystander: RawWs;

  const open = async (): Promise<RawWs> => {
    const up = apiUpgrade(session);
    const r = await RawWs.open(host.port, up.path, up.headers);
    if (!('socket' in r)) throw new Error(`the upgrade was refused with ${r.refused}`);
    return r.socket;
  };

  async function expectAlive(step: string): Promise<void> {
    const ws = await open().catch((e: unknown) => {
      throw new Error(`${step}: the host no longer answers (${String(e)}); it exited with ${host.exited()}:\n${host.stderr()}`);
    });
    expect(host.exited(), `${step}: the host process died:\n${host.stderr()}`).toBeNull();
    ws.sendText(JSON.stringify({ id: 1, call: 'app.info', input: {} }));
    const info = await ws.waitFor(resultWithId(1));
    expect(info?.result.ok, `${step}: app.info on a fresh socket`).toBe(true);
    ws.end();
    await ws.closed;
    const id = Math.floor(Math.random() * 1e9);
    bystander.sendText(JSON.stringify({ id, call: 'app.info', input: {} }));
    expect((await bystander.waitFor(resultWithId(id)))?.result.ok, `${step}: the bystander socket still answers`).toBe(true);
  }

  beforeAll(async () => {
    host = await startHostProcess();
    session = await signIn(host.port, host.openUrl);
    bystander = await open();
  });
  afterAll(async () => {
    bystander?.destroy();
    await host?.stop();
  });

  const frame = (f: FrameSpec) => f;
  const closing: [string, FrameSpec[], number][] = [
    ['a data frame with a reserved opcode (0x3)', [frame({ opcode: 0x3, payload: Buffer.from('x') })], 1002],
    ['a control frame with a reserved opcode (0xB)', [frame({ opcode: 0xb })], 1002],
    ['a frame with RSV1 set and no extension agreed', [frame({ opcode: 1, rsv: 4, payload: Buffer.from('{}') })], 1002],
    ['an unmasked client frame', [frame({ opcode: 1, mask: false, payload: Buffer.from('{}') })], 1002],
    ['a fragmented ping', [frame({ opcode: 9, fin: false })], 1002],
    ['a continuation with nothing to continue', [frame({ opcode: 0, payload: Buffer.from('x') })], 1002],
    ['a text frame that is not UTF-8', [frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28]) })], 1007],
    ['a message declared longer than the payload limit', [frame({ opcode: 1, declaredLength: 64 * 1024 * 1024 })], 1009],
    ['a 2^63-byte length', [frame({ opcode: 2, declaredLength: Number.MAX_SAFE_INTEGER })], 1009],
    [
      'a fragmented message that grows past the limit',
      [frame({ opcode: 1, fin: false, payload: Buffer.from('{"id":1,') }), frame({ opcode: 0, declaredLength: 64 * 1024 * 1024 })],
      1009,
    ],
  ];

  for (const [name, frames, code] of closing) {
    it(`closes the socket that sent ${name} (${code}) and nothing else`, async () => {
      const ws = await open();
      for (const f of frames) ws.send(f);
      const { closeCode } = await ws.closed;
      expect(closeCode).toBe(code);
      await expectAlive(name);
    });
  }

  it('answers messages that are not requests with an error that says so, and keeps the socket', async () => {
    const ws = await open();
    const bad = ['not json', '', 'null', '42', '"app.info"', '[]', '{"call":"app.info","input":{}}', '{"id":"7","call":"app.info"}', '{"id":1.5,"call":"app.info"}', '{"id":1e300,"call":"app.info"}', '{"id":null}'];
    for (const text of bad) {
      const before = ws.messages().length;
      ws.sendText(text);
      const answer = await ws.waitFor((m) => (ws.messages().length > before ? m : undefined));
      expect(answer, text).toEqual({ type: 'result', id: null, result: { ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/id/) } } });
    }
    // A binary frame holding a request is still a request.
    ws.send({ opcode: 2, payload: Buffer.from(JSON.stringify({ id: 5, call: 'app.info', input: {} })) });
    expect((await ws.waitFor(resultWithId(5)))?.result.ok).toBe(true);
    ws.sendText(JSON.stringify({ id: 6, call: 'nope', input: {} }));
    expect((await ws.waitFor(resultWithId(6)))?.result.error?.code).toBe('invalid_input');
    ws.end();
    await ws.closed;
    await expectAlive('messages that are not requests');
  });
});
