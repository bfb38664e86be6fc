import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelIds, type ChannelId, type PostState, type User } from './post';
import { ApprovalRule, WORKFLOW_EDGES, transition, type WorkflowEvent, type WorkflowPost } from './workflow';

/**
 * Random event sequences by random actors against the workflow. The oracle below is written from the
 * issue's words, not from the implementation: the edge list, "distinct approvals since the last submit
 * satisfy every channel's rule", "exported is final", "a rejection needs a comment".
 */
const SPEC_EDGES = new Set([
  'draft -submit-> in_review', 'draft -edit-> draft',
  'in_review -approve-> in_review', 'in_review -approve-> approved', 'in_review -request_changes-> changes_requested', 'in_review -edit-> in_review',
  'changes_requested -submit-> in_review', 'changes_requested -edit-> changes_requested',
  'approved -edit-> in_review', 'approved -schedule-> scheduled', 'approved -start_render-> rendering',
  'scheduled -edit-> in_review', 'scheduled -schedule-> scheduled', 'scheduled -unschedule-> approved', 'scheduled -start_render-> rendering',
  // Saving the post's draft: approvals were given to what the draft was.
  'in_review -draft_saved-> in_review', 'approved -draft_saved-> in_review', 'scheduled -draft_saved-> in_review',
  'rendering -render_done-> ready', 'rendering -fail-> failed',
  'ready -deliver_done-> exported', 'ready -fail-> failed',
  'failed -retry-> scheduled', 'failed -retry-> approved',
]);

const users: User[] = [
  { id: 'c1', name: 'Cara', role: 'creator' },
  { id: 'c2', name: 'Cole', role: 'creator' },
  { id: 'a1', name: 'Ada', role: 'approver' },
  { id: 'a2', name: 'Abe', role: 'approver' },
  { id: 'a3', name: 'Ari', role: 'approver' },
  { id: 'ad', name: 'Dee', role: 'admin' },
];
const userIds = users.map((u) => u.id);

const ruleArb = (channel: ChannelId) =>
  fc.oneof(
    fc.record({ n: fc.integer({ min: 1, max: 3 }), ids: fc.option(fc.uniqueArray(fc.constantFrom(...userIds), { minLength: 3, maxLength: 3 }), { nil: undefined }) })
      .map(({ n, ids }): ApprovalRule => ({ channel, mode: 'any', approvers: n, approverIds: ids })),
    fc.uniqueArray(fc.constantFrom(...userIds), { minLength: 1, maxLength: 3 })
      .map((ids): ApprovalRule => ({ channel, mode: 'all', approvers: ids.length, approverIds: ids })),
  );

// Weighted towards submit and approve so runs get deep into review, approval and delivery.
const eventArb: fc.Arbitrary<WorkflowEvent> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('submit' as const), override: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('approve' as const), override: fc.boolean() }), weight: 6 },
  fc.record({ type: fc.constant('request_changes' as const), comment: fc.oneof(fc.constantFrom('', '  ', '\n\t'), fc.string()) }),
  fc.record({ type: fc.constant('edit' as const) }),
  fc.record({ type: fc.constant('schedule' as const), at: fc.constantFrom('2026-03-29T06:00:00.000Z', 'next tuesday') }),
  fc.constantFrom<WorkflowEvent>(
    { type: 'unschedule' }, { type: 'start_render' }, { type: 'render_done' }, { type: 'deliver_done' }, { type: 'fail', reason: 'ffmpeg exited 1' }, { type: 'retry' }, { type: 'draft_saved' },
  ),
);

// Some channels get a random rule; the rest fall back to one approval by anyone.
const channelsAndRulesArb = fc
  .uniqueArray(fc.constantFrom(...channelIds), { minLength: 1, maxLength: 3 })
  .chain((channels) =>
    fc.tuple(fc.constant(channels), fc.tuple(...channels.map((c) => fc.option(ruleArb(c), { nil: undefined })))),
  )
  .map(([channels, rules]) => ({ channels, rules: rules.filter((r): r is ApprovalRule => r !== undefined) }));

const scenarioArb = fc.record({
  createdBy: fc.constantFrom('c1', 'c2', 'a1', 'ad'),
  setup: channelsAndRulesArb,
  // The policy blocks a quarter of the steps, so overrides happen but most steps get through.
  steps: fc.array(fc.record({ event: eventArb, actor: fc.constantFrom(...users), blocked: fc.nat(3).map((n) => n === 0) }), { maxLength: 80 }),
});

describe('workflow properties', () => {
  it('the table is exactly the specified edges', () => {
    const table = Object.entries(WORKFLOW_EDGES).flatMap(([from, evs]) =>
      Object.entries(evs).flatMap(([ev, tos]) => (tos ?? []).map((to) => `${from} -${ev}-> ${to}`)),
    );
    expect(new Set(table)).toEqual(SPEC_EDGES);
  });

  it('random sequences by random actors keep every rule', () => {
    fc.assert(
      fc.property(scenarioArb, fc.context(), (s, ctx) => {
        const { channels, rules } = s.setup;
        for (const r of rules) ApprovalRule.parse(r);
        let post: WorkflowPost = { state: 'draft', targets: channels.map((channel) => ({ channel, overrides: {} })), createdBy: s.createdBy, scheduledAt: null, approvals: [] };
        let round = new Set<string>(); // oracle: who approved since the last submit / content change

        const satisfied = () =>
          channels.every((ch) => {
            const rule = rules.find((r) => r.channel === ch);
            if (!rule) return round.size >= 1;
            if (rule.mode === 'all') return rule.approverIds!.every((id) => round.has(id));
            return [...round].filter((id) => !rule.approverIds || rule.approverIds.includes(id)).length >= rule.approvers;
          });

        for (const { event, actor, blocked } of s.steps) {
          const from: PostState = post.state;
          const r = transition(post, event, actor, { approvals: rules, policyProblems: blocked ? ['“guaranteed” is a banned word'] : [] });
          ctx.log(`${from} ${event.type} by ${actor.id} → ${r.ok ? r.state : `refused: ${r.reason}`}`);
          if (event.type === 'request_changes' && event.comment.trim() === '') expect(r.ok).toBe(false);
          if (from === 'exported') expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.reason.length).toBeGreaterThan(0);
            continue;
          }
          expect(SPEC_EDGES.has(`${from} -${event.type}-> ${r.state}`)).toBe(true);
          if (blocked && (event.type === 'submit' || event.type === 'approve')) {
            expect(actor.role).toBe('admin');
            expect(r.effects.some((e) => e.type === 'policy_override')).toBe(true);
          }
          if (event.type === 'submit' || ((event.type === 'edit' || event.type === 'draft_saved') && ['in_review', 'approved', 'scheduled'].includes(from)) || event.type === 'request_changes') round = new Set();
          if (event.type === 'approve') {
            expect(actor.id).not.toBe(s.createdBy);
            expect(['approver', 'admin']).toContain(actor.role);
            expect(round.has(actor.id)).toBe(false);
            round.add(actor.id);
            // Approved exactly when the distinct approvals of this round satisfy every channel.
            expect(r.state === 'approved').toBe(satisfied());
          }
          if (r.state === 'approved' && from === 'in_review') expect(satisfied()).toBe(true);
          expect(new Set(r.approvals)).toEqual(round);
          post = {
            ...post,
            state: r.state,
            approvals: r.approvals,
            scheduledAt: r.effects.reduce<string | null>((at, e) => (e.type === 'set_schedule' ? e.at : at), post.scheduledAt),
          };
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a request for changes without a comment in every state, by every actor', () => {
    const states = Object.keys(WORKFLOW_EDGES) as PostState[];
    fc.assert(
      fc.property(fc.constantFrom(...states), fc.constantFrom(...users), fc.stringMatching(/^\s*$/), (state, actor, comment) => {
        const post: WorkflowPost = { state, targets: [{ channel: 'tiktok', overrides: {} }], createdBy: 'c1', scheduledAt: null, approvals: [] };
        const r = transition(post, { type: 'request_changes', comment }, actor, { approvals: [] });
        expect(r.ok).toBe(false);
      }),
    );
  });
});
