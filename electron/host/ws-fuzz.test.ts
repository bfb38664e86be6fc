import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../api/contract';
import { MAX_MESSAGE_BYTES } from './api-socket';
import { type HostProcess, startHostProcess } from './__tests__/host-process';
import { type FrameSpec, RawWs, resultWithId } from './__tests__/raw-ws';
import { type Session, apiUpgrade, signIn } from './__tests__/sign-in';

// Done-when of issue 9: 1,000 random and malformed WebSocket frames and API messages against a running host
// (its own process). Each is answered or closes its own socket; afterwards a fresh socket still gets app.info
// and a socket that stayed open through all of it still answers.

const CASES = 1000;
/** A generous per-case allowance for a slow, shared machine (each case is one connection and a few frames). */
const MS_PER_CASE = 250;

type Case =
  /** Whole frames (their lengths are true, or past the limit): the probe is answered or the server closes. */
  | { kind: 'frames'; frames: FrameSpec[] }
  /** Bytes with no frame structure (lengths may lie): the socket ends and the host lives. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Well-framed text messages of random JSON: every one gets a result. */
  | { kind: 'messages'; messages: string[] };

// Not the call that ends the fuzzer's own session (it would refuse every later case's socket): host tests cover it.
const callNames = Object.keys(calls).filter((n) => n !== 'account.signOutEverywhere');
const anyId = fc.oneof(
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e300, -0, 0.5),
  fc.double(),
  fc.string(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const anyCall = fc.oneof(fc.constantFrom(...callNames), fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.constant('__proto__'), fc.constant('constructor'));
const request = fc.record({ id: anyId, call: anyCall, input: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((r) => JSON.stringify(r));
const message = fc.oneof(
  { weight: 3, arbitrary: request },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  // Deep nesting: the parser and the router must not fall over.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => `{"id":1,"call":"app.info","input":${'['.repeat(n)}${']'.repeat(n)}}`) },
);

const frame: fc.Arbitrary<FrameSpec> = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) }),
    opcode: fc.integer({ min: 0, max: 15 }),
    payload: fc.oneof(fc.uint8Array({ maxLength: 300 }), message.map((m) => new TextEncoder().encode(m))),
    masked: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    oversize: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: Number.MAX_SAFE_INTEGER }) }),
  })
  .map((f) => ({ fin: f.fin, rsv: f.rsv, opcode: f.opcode, payload: Buffer.from(f.payload), mask: f.masked ? undefined : (false as const), declaredLength: f.oversize ?? undefined }));

const aCase: fc.Arbitrary<Case> = fc.oneof(
  fc.array(frame, { minLength: 1, maxLength: 4 }).map((frames) => ({ kind: 'frames' as const, frames })),
  fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.array(message, { minLength: 1, maxLength: 5 }).map((messages) => ({ kind: 'messages' as const, messages })),
);

describe('WebSocket fuzz against a running host', () => {
  let host: HostProcess;
  let session: Session;
  let bystander: RawWs;
  let probeId = 1_000_000;

  const open = async (step: string): Promise<RawWs> => {
    const up = apiUpgrade(session);
    const r = await RawWs.open(host.port, up.path, up.headers).catch((e: unknown) => {
      throw new Error(`${step}: the host no longer answers (${String(e)}); exit ${host.exited()}:\n${host.stderr()}`);
    });
    if (!('socket' in r)) throw new Error(`${step}: the upgrade was refused with ${r.refused}`);
    return r.socket;
  };

  beforeAll(async () => {
    host = await startHostProcess();
    session = await signIn(host.port, host.openUrl);
    bystander = await open('the bystander socket');
  });
  afterAll(async () => {
    bystander?.destroy();
    await host?.stop();
  });

  async function runCase(c: Case): Promise<void> {
    const ws = await open(`a ${c.kind} case`);
    if (c.kind === 'messages') {
      for (const m of c.messages) ws.sendText(m);
      // Every message gets one result (a request's own id, or null for what is not a request).
      const results = () => ws.messages().filter((m) => (m as { type?: string }).type === 'result').length;
      const all = await ws.waitFor(() => (results() >= c.messages.length ? true : undefined));
      expect(all, `every message is answered before the socket closes: ${JSON.stringify(c.messages).slice(0, 300)}`).toBe(true);
    } else {
      if (c.kind === 'frames') for (const f of c.frames) ws.send(f);
      else ws.write(Buffer.from(c.bytes));
      const probe = ++probeId;
      ws.sendText(JSON.stringify({ id: probe, call: 'jobs.list', input: {} }));
      if (c.kind === 'frames') {
        // Whole frames: either the host read past them and answers the probe, or it closed this socket.
        const answered = await ws.waitFor((m) => resultWithId(probe)(m) ?? (ws.frames.some((f) => f.opcode === 8) ? false : undefined));
        const closedByHost = ws.frames.some((f) => f.opcode === 8);
        expect(answered !== null || closedByHost, 'the probe is answered or the host closed the socket').toBe(true);
      }
    }
    // Text the host sent is always a well-formed wire message.
    for (const m of ws.messages()) expect(['result', 'event']).toContain((m as { type: string }).type);
    ws.end();
    await ws.closed;
  }

  it(
    `answers or closes each of ${CASES} random frames and messages, and still serves app.info`,
    async () => {
      await fc.assert(fc.asyncProperty(aCase, runCase), { numRuns: CASES, endOnFailure: true });

      expect(host.exited(), host.stderr()).toBeNull();
      const fresh = await open('app.info after the fuzz');
      fresh.sendText(JSON.stringify({ id: 1, call: 'app.info', input: {} }));
      expect((await fresh.waitFor(resultWithId(1)))?.result).toMatchObject({ ok: true, value: { shell: 'browser' } });
      fresh.end();
      bystander.sendText(JSON.stringify({ id: 2, call: 'jobs.list', input: {} }));
      expect((await bystander.waitFor(resultWithId(2)))?.result.ok, 'the socket that stayed open through the fuzz').toBe(true);
    },
    CASES * MS_PER_CASE,
  );
});
