import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeliveryWorld, approvedPost, openDeliveryWorld } from './__tests__/studio-fixture';

/**
 * A scheduler pass that fails, through a real Studio: one post's draft cannot be read (saved by a newer
 * Postframe), so its delivery throws. The error reaches the Studio's log, the other due post goes out, and
 * the scheduler and the Studio keep working. Once, the engine's logger was an unbound method: the log call
 * itself threw, the pass rejected, and `postframe serve` died of the unhandled rejection.
 */
let w: DeliveryWorld;
let logged: string[];
let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  logged = [];
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  w = await openDeliveryWorld('pf-sched-studio-', undefined, { log: { debug: () => undefined, error: (m) => logged.push(m) } });
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await w.close();
});

describe('a scheduler pass that fails in a real Studio', () => {
  it('logs the failure, delivers the other posts, and keeps scheduling', async () => {
    const api = w.studio.api;
    const outbox = path.join(w.tmp, 'outbox');
    await api['connectors.set']({ actorId: 'owner', folder: { root: outbox } });
    const good = await approvedPost(w, 'Good one', ['tiktok'], 5);
    const broken = await api['drafts.create']({ kind: 'video', name: 'From the future' });
    const bad = await approvedPost({ ...w, draftId: broken.id }, 'Broken draft', ['tiktok'], 6);
    // A teammate's newer Postframe saved the draft in the shared library: this one cannot read it.
    w.studio.database.prepare('UPDATE drafts SET doc = ? WHERE id = ?').run(JSON.stringify({ schemaVersion: 999 }), broken.id);

    await w.studio.startScheduler({ timers: { set: () => null, clear: () => undefined } });
    await w.studio.rooms.delivery.whenIdle();

    expect(logged.some((m) => m.includes(`delivery of post ${bad.id}`) && m.includes('newer Postframe')), logged.join('\n')).toBe(true);
    expect((await api['posts.get']({ id: bad.id })).state).toBe('scheduled');
    expect((await api['posts.get']({ id: good.id })).state).toBe('exported');

    // The scheduler goes on: a post scheduled now is taken by the next pass.
    const later = await approvedPost(w, 'After the failure', ['tiktok'], 1);
    await w.studio.schedulerPass();
    await w.studio.rooms.delivery.whenIdle();
    expect((await api['posts.get']({ id: later.id })).state).toBe('exported');
    expect((await api['app.info']({})).library.path).toBe(w.studio.folder.root);
    expect(unhandled).toEqual([]);
  }, 90_000);
});
