import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStudio, type TempStudio } from '../studio/__tests__/temp-studio';
import { testDelivery } from './__tests__/deliveries';
import { type Receiver, startReceiver } from './__tests__/receiver';
import { makeConnector, readConnectorSettings } from './connectors';
import { DeliveriesRepo, deliver } from './deliveries-repo';

/**
 * The webhook's secret header goes only to the origin it was given for (issue 9 §6): two receivers on
 * 127.0.0.1 (two ports, so two origins), settings changed through the Studio's API as the app changes them,
 * and each delivery made with the connector the engine builds from the stored settings.
 */
let t: TempStudio;
let a: Receiver;
let b: Receiver;
beforeEach(async () => {
  t = await openTempStudio('pf-connectors-');
  const ok = (_r: unknown, res: { writeHead(s: number): { end(b: string): void } }) => res.writeHead(201).end('{}');
  a = await startReceiver(ok);
  b = await startReceiver(ok);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await t.close();
});

async function send(postId: string) {
  const connector = makeConnector('webhook', readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets), '0.0.0-test');
  const { record } = await deliver(new DeliveriesRepo(t.studio.database), connector!, testDelivery(postId), { now: new Date() });
  expect(record.state).toBe('delivered');
}

describe('the webhook connector after the address changes', () => {
  it('sends the secret header to the receiver it was set for, and not to the next one', async () => {
    const set = (url: string, headerValue?: string) => t.studio.api['connectors.set']({ actorId: 'owner', webhook: { url, headerName: 'X-Api-Key', headerValue, timeoutSec: 30 } });
    await set(a.url, 'k3y-for-a');
    await send('p1');
    expect(a.requests.map((r) => r.headers['x-api-key'])).toEqual(['k3y-for-a']);

    // Only the URL changes (the form sends the header name back, and no secret).
    await set(b.url);
    await send('p2');
    expect(b.requests).toHaveLength(1);
    expect(b.requests[0]!.headers['x-api-key']).toBeUndefined();
    expect(JSON.stringify(b.requests[0]!.headers)).not.toContain('k3y-for-a');
    expect(b.requests[0]!.body.includes('k3y-for-a')).toBe(false);

    // A secret given for the new receiver goes to it.
    await set(b.url, 'k3y-for-b');
    await send('p3');
    expect(b.requests.map((r) => r.headers['x-api-key'])).toEqual([undefined, 'k3y-for-b']);
    expect(a.requests).toHaveLength(1);
  });
});
