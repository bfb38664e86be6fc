import { changeConnectorSettings, readConnectorSettings, settingsView } from '../publish/connectors';
import { type ApiPart, type StudioContext, requireTools } from './context';

type DeliveryCalls = 'connectors.get' | 'connectors.set' | 'delivery.status' | 'delivery.exportNow' | 'delivery.markDelivered' | 'delivery.sendAgain' | 'delivery.late';

/** Delivery: the library's connectors, each post's deliveries, Export now and a person's decisions on unknown outcomes. */
export function deliveryApi(ctx: StudioContext & { pokeScheduler(): void }): ApiPart<DeliveryCalls> {
  return {
    async 'connectors.get'() {
      return settingsView(readConnectorSettings(ctx.postsRepo, ctx.rooms.secrets));
    },
    async 'connectors.set'(input) {
      const { actorId, ...change } = input;
      // Who may change delivery comes first (a refused person learns nothing about paths); then the delivery
      // folder, which is written to: browser mode may name only allowed folders (path-gate.ts).
      ctx.postService.permitted(actorId, 'delivery.settings');
      if (change.folder) change.folder = { root: await ctx.paths.check(change.folder.root, 'delivery') };
      const s = await changeConnectorSettings(ctx.postService, actorId, change, ctx.rooms.folder.root, ctx.rooms.secrets);
      // Posts that waited for a connector may go now; every post's "where it goes" may have changed.
      ctx.emit('delivery.changed', { postIds: [] });
      ctx.pokeScheduler();
      return settingsView(s);
    },
    async 'delivery.status'(input) {
      return ctx.rooms.delivery.status(input.postId);
    },
    async 'delivery.exportNow'(input) {
      requireTools(ctx.rooms, 'FFmpeg is missing, so posts cannot be rendered. Install it, then export again.');
      return ctx.rooms.delivery.exportNow(input.id, input.actorId);
    },
    async 'delivery.markDelivered'(input) {
      return ctx.rooms.delivery.markDelivered(input.postId, input.channel, input.actorId);
    },
    async 'delivery.sendAgain'(input) {
      return ctx.rooms.delivery.sendAgain(input.postId, input.channel, input.actorId);
    },
    async 'delivery.late'() {
      return ctx.rooms.delivery.late();
    },
  };
}
