import { draftNotFound } from '../library/drafts-repo';
import type { ApiPart, StudioContext } from './context';
import { reviewed } from './review-api';

type PostCalls =
  | 'posts.list'
  | 'posts.get'
  | 'posts.create'
  | 'posts.update'
  | 'posts.transition'
  | 'posts.comments'
  | 'posts.comment'
  | 'users.list'
  | 'users.create'
  | 'campaigns.list'
  | 'campaigns.create'
  | 'campaigns.update'
  | 'policy.get'
  | 'policy.set'
  | 'queue.importCsv'
  | 'queue.ics';

/** The publish queue's calls: posts and their workflow, users, campaigns, the policy, CSV and iCalendar. */
export function postsApi(ctx: StudioContext): ApiPart<PostCalls> {
  return {
    async 'posts.list'(input) {
      return ctx.postsRepo.list(input);
    },
    async 'posts.get'(input) {
      return ctx.postsRepo.require(input.id);
    },
    async 'posts.create'(input) {
      const draft = ctx.rooms.drafts.get(input.draftId);
      if (!draft) throw draftNotFound();
      const p = ctx.postService.createFromDraft({ ...input, draftName: draft.doc.name });
      ctx.emit('posts.changed', { reason: 'created', ids: [p.id] });
      return p;
    },
    async 'posts.update'(input) {
      if (input.draftId && !ctx.rooms.drafts.get(input.draftId)) throw draftNotFound();
      const p = ctx.postService.update(input);
      ctx.emit('posts.changed', { reason: 'updated', ids: [p.id] });
      return p;
    },
    async 'posts.transition'(input) {
      const event = input.event;
      const run = () => ctx.postService.transition({ ...input, event });
      // An approver's decision keeps the post as they saw it: their next review shows what changed since.
      const p = event === 'approve' || event === 'request_changes' ? reviewed(ctx, input.id, input.actorId, event, run) : run();
      ctx.emit('posts.changed', { reason: 'transitioned', ids: [p.id] });
      return p;
    },
    async 'posts.comments'(input) {
      ctx.postsRepo.require(input.id);
      return ctx.postsRepo.comments(input.id);
    },
    async 'posts.comment'(input) {
      const c = reviewed(ctx, input.id, input.actorId, 'comment', () => ctx.postService.comment(input));
      ctx.emit('posts.changed', { reason: 'commented', ids: [input.id] });
      return c;
    },
    async 'users.list'() {
      return ctx.postsRepo.users();
    },
    async 'users.create'(input) {
      return ctx.postService.createUser(input.actorId, input.name, input.role);
    },
    async 'campaigns.list'() {
      return ctx.postsRepo.campaigns();
    },
    async 'campaigns.create'(input) {
      const { actorId, ...c } = input;
      const saved = ctx.postService.saveCampaign(actorId, c);
      ctx.emit('posts.changed', { reason: 'campaigns', ids: [] });
      return saved;
    },
    async 'campaigns.update'(input) {
      const { actorId, ...c } = input;
      const saved = ctx.postService.saveCampaign(actorId, c);
      ctx.emit('posts.changed', { reason: 'campaigns', ids: [] });
      return saved;
    },
    async 'policy.get'() {
      const s = ctx.postService;
      return { policy: s.policy(), approvals: s.approvalRules() };
    },
    async 'policy.set'(input) {
      return ctx.postService.setPolicy(input.actorId, input.policy, input.approvals);
    },
    async 'queue.importCsv'(input) {
      const r = ctx.postService.importCsv(input);
      if (r.created.length) ctx.emit('posts.changed', { reason: 'imported', ids: r.created.map((p) => p.id) });
      return r;
    },
    async 'queue.ics'(input) {
      return { text: ctx.postService.ics(input.campaignId) };
    },
  };
}
