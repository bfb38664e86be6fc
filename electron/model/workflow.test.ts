import { describe, expect, it } from 'vitest';
import type { ChannelId, User } from './post';
import { ApprovalRule, offeredEvents, transition, type TransitionResult, type WorkflowEvent, type WorkflowPost, type WorkflowRules } from './workflow';

const cara: User = { id: 'c1', name: 'Cara', role: 'creator' };
const cole: User = { id: 'c2', name: 'Cole', role: 'creator' };
const ada: User = { id: 'a1', name: 'Ada', role: 'approver' };
const abe: User = { id: 'a2', name: 'Abe', role: 'approver' };
const dee: User = { id: 'ad', name: 'Dee', role: 'admin' };

const post = (over: Partial<WorkflowPost> = {}, channels: ChannelId[] = ['tiktok']): WorkflowPost => ({
  state: 'draft', targets: channels.map((channel) => ({ channel, overrides: {} })), createdBy: 'c1', scheduledAt: null, approvals: [], ...over,
});
const none: WorkflowRules = { approvals: [] };

/** Applies events in order, failing the test on the first refusal. */
function run(p: WorkflowPost, steps: [WorkflowEvent, User][], rules: WorkflowRules = none): WorkflowPost {
  return steps.reduce((cur, [ev, who]) => {
    const r = transition(cur, ev, who, rules);
    if (!r.ok) throw new Error(`${ev.type} by ${who.id} refused: ${r.reason}`);
    const at = r.effects.find((e) => e.type === 'set_schedule');
    return { ...cur, state: r.state, approvals: r.approvals, scheduledAt: at && at.type === 'set_schedule' ? at.at : cur.scheduledAt };
  }, p);
}
const refused = (r: TransitionResult) => (r.ok ? 'accepted' : r.reason);

describe('post workflow', () => {
  it('takes a post from draft to exported, auditing each step', () => {
    const p = run(post(), [[{ type: 'submit' }, cara], [{ type: 'approve' }, ada], [{ type: 'schedule', at: '2026-03-29T06:00:00Z' }, cara]]);
    expect(p).toMatchObject({ state: 'scheduled', approvals: ['a1'], scheduledAt: '2026-03-29T06:00:00Z' });
    const render = transition(p, { type: 'start_render' }, cara, none);
    expect(render).toEqual({ ok: true, state: 'rendering', approvals: ['a1'], effects: [{ type: 'audit', action: 'render' }] });
    const done = run(p, [[{ type: 'start_render' }, cara], [{ type: 'render_done' }, cara], [{ type: 'deliver_done' }, cara]]);
    expect(done.state).toBe('exported');
    expect(refused(transition(done, { type: 'edit' }, dee, none))).toMatch(/already exported/);
  });

  it('needs a comment to request changes, and the author resubmits for a fresh round', () => {
    const p = run(post(), [[{ type: 'submit' }, cara]], { approvals: [{ channel: 'tiktok', approvers: 2, mode: 'any' }] });
    expect(refused(transition(p, { type: 'request_changes', comment: '  ' }, ada, none))).toMatch(/needs a comment/);
    const r = transition({ ...p, approvals: ['a2'] }, { type: 'request_changes', comment: ' Logo too small ' }, ada, none);
    expect(r).toEqual({
      ok: true, state: 'changes_requested', approvals: [],
      effects: [{ type: 'comment', text: 'Logo too small' }, { type: 'audit', action: 'reject', detail: { comment: 'Logo too small' } }],
    });
    expect(run({ ...p, state: 'changes_requested' }, [[{ type: 'edit' }, cara], [{ type: 'submit' }, cara]]).state).toBe('in_review');
  });

  it('sends an approved or scheduled post back to review when it is edited, dropping the approvals', () => {
    for (const state of ['approved', 'scheduled'] as const) {
      const r = transition(post({ state, approvals: ['a1'], scheduledAt: '2026-03-29T06:00:00Z' }), { type: 'edit' }, cara, none);
      expect(r).toMatchObject({ ok: true, state: 'in_review', approvals: [], effects: [{ type: 'audit', action: 'edit', detail: { backToReview: true } }] });
    }
  });

  it('counts each approver once, never the author, and only eligible approvers', () => {
    const rules: WorkflowRules = { approvals: [{ channel: 'tiktok', approvers: 2, mode: 'any' }] };
    const p = run(post(), [[{ type: 'submit' }, cara], [{ type: 'approve' }, ada]], rules);
    expect(p).toMatchObject({ state: 'in_review', approvals: ['a1'] });
    expect(refused(transition(p, { type: 'approve' }, ada, rules))).toMatch(/already approved/);
    expect(refused(transition(p, { type: 'approve' }, cole, rules))).toMatch(/Only an approver or an admin/);
    expect(refused(transition(post({ state: 'in_review', createdBy: 'ad' }), { type: 'approve' }, dee, rules))).toMatch(/your own post/);
    expect(run(p, [[{ type: 'approve' }, dee]], rules).state).toBe('approved');

    const named: WorkflowRules = { approvals: [{ channel: 'tiktok', approvers: 1, mode: 'any', approverIds: ['a2'] }] };
    expect(refused(transition(post({ state: 'in_review' }), { type: 'approve' }, ada, named))).toMatch(/not an approver for tiktok/);
  });

  it('approves only when every channel’s rule is met (any / all)', () => {
    const rules: WorkflowRules = {
      approvals: [
        { channel: 'tiktok', approvers: 1, mode: 'any' },
        { channel: 'linkedin', approvers: 2, mode: 'all', approverIds: ['a2', 'ad'] },
      ],
    };
    const p = run(post({}, ['tiktok', 'linkedin']), [[{ type: 'submit' }, cara], [{ type: 'approve' }, ada], [{ type: 'approve' }, abe]], rules);
    expect(p.state).toBe('in_review'); // LinkedIn still needs Dee
    expect(run(p, [[{ type: 'approve' }, dee]], rules).state).toBe('approved');
  });

  it('blocks on the compliance policy unless an admin overrides, and audits the override', () => {
    const blocked: WorkflowRules = { approvals: [], policyProblems: ['sponsored post without #ad'] };
    expect(refused(transition(post(), { type: 'submit' }, cara, blocked))).toMatch(/sponsored post without #ad.*ask an admin/);
    expect(refused(transition(post(), { type: 'submit', override: true }, cara, blocked))).toMatch(/Only an admin/);
    const r = transition(post({ state: 'in_review' }), { type: 'approve', override: true }, dee, blocked);
    expect(r).toMatchObject({ ok: true, state: 'approved' });
    expect(r.ok && r.effects.filter((e) => e.type === 'policy_override' || (e.type === 'audit' && e.action === 'policy_override'))).toHaveLength(2);
  });

  it('lets only the author or an admin submit, edit, schedule and retry', () => {
    expect(refused(transition(post(), { type: 'submit' }, cole, none))).toMatch(/author or an admin/);
    expect(refused(transition(post({ state: 'approved' }), { type: 'schedule', at: '2026-03-29T06:00:00Z' }, ada, none))).toMatch(/author or an admin/);
    expect(refused(transition(post({ state: 'approved' }), { type: 'schedule', at: 'tomorrowish' }, cara, none))).toMatch(/not a date/);
    expect(transition(post({ state: 'draft' }), { type: 'edit' }, dee, none)).toMatchObject({ ok: true, state: 'draft' });
  });

  it('retries a failed post back into the queue: scheduled when it has a time, else approved', () => {
    expect(transition(post({ state: 'failed', scheduledAt: '2026-03-29T06:00:00Z' }), { type: 'retry' }, cara, none)).toMatchObject({ state: 'scheduled' });
    expect(transition(post({ state: 'failed' }), { type: 'retry' }, cara, none)).toMatchObject({ state: 'approved' });
    expect(run(post({ state: 'scheduled', scheduledAt: '2026-03-29T06:00:00Z' }), [[{ type: 'unschedule' }, cara]])).toMatchObject({ state: 'approved', scheduledAt: null });
    expect(transition(post({ state: 'ready' }), { type: 'fail', reason: 'disk full' }, cara, none)).toMatchObject({ state: 'failed' });
    expect(refused(transition(post({ state: 'draft' }), { type: 'start_render' }, dee, none))).toMatch(/a draft cannot take "start render"/);
  });

  it('validates approval rules', () => {
    expect(ApprovalRule.safeParse({ channel: 'x', approvers: 4, mode: 'any' }).success).toBe(false);
    expect(ApprovalRule.safeParse({ channel: 'x', approvers: 2, mode: 'all' }).success).toBe(false);
    expect(ApprovalRule.safeParse({ channel: 'x', approvers: 2, mode: 'all', approverIds: ['a1', 'a1'] }).success).toBe(false);
    expect(ApprovalRule.safeParse({ channel: 'x', approvers: 3, mode: 'any', approverIds: ['a1', 'a2'] }).success).toBe(false);
    expect(ApprovalRule.safeParse({ channel: 'x', approvers: 2, mode: 'all', approverIds: ['a1', 'a2'] }).success).toBe(true);
  });
});

describe('offeredEvents (what the post panel offers: the engine\'s own rules)', () => {
  const at = '2026-03-29T06:00:00Z';
  it('an approver is not offered Schedule on a post they did not write; its author and an admin are', () => {
    const approved = post({ state: 'approved', approvals: ['a1'], scheduledAt: at });
    expect(offeredEvents(approved, ada, [])).not.toContain('schedule');
    expect(offeredEvents(approved, ada, [])).toEqual([]);
    expect(offeredEvents(approved, cara, [])).toEqual(['edit', 'schedule']);
    expect(offeredEvents(approved, dee, [])).toEqual(['edit', 'schedule']);
    expect(offeredEvents(approved, cole, [])).toEqual([]);
  });
  it('Schedule needs the post\'s time, and a scheduled post offers Unschedule instead', () => {
    expect(offeredEvents(post({ state: 'approved', scheduledAt: null }), cara, [])).toEqual(['edit']);
    expect(offeredEvents(post({ state: 'scheduled', scheduledAt: at }), cara, [])).toEqual(['edit', 'unschedule']);
  });
  it('review: approvers review others\' posts, never their own; a named approver rule is honoured', () => {
    const inReview = post({ state: 'in_review' });
    expect(offeredEvents(inReview, ada, [])).toEqual(['approve', 'request_changes']);
    expect(offeredEvents(inReview, cara, [])).toEqual(['edit']);
    expect(offeredEvents(post({ state: 'in_review', createdBy: 'a1' }), ada, [])).toEqual(['edit']);
    const onlyAbe: ApprovalRule[] = [{ channel: 'tiktok', approvers: 1, mode: 'all', approverIds: ['a2'] }];
    expect(offeredEvents(inReview, ada, onlyAbe)).toEqual(['request_changes']);
    expect(offeredEvents(inReview, abe, onlyAbe)).toEqual(['approve', 'request_changes']);
    // Approved once already: waiting for others.
    expect(offeredEvents(post({ state: 'in_review', approvals: ['a1'] }), ada, [{ channel: 'tiktok', approvers: 2, mode: 'any' }])).toEqual(['request_changes']);
  });
  it('drafts are submitted by their author or an admin; failed posts retried; delivered ones offer nothing', () => {
    expect(offeredEvents(post(), cara, [])).toEqual(['submit', 'edit']);
    expect(offeredEvents(post(), ada, [])).toEqual([]);
    expect(offeredEvents(post({ state: 'failed', scheduledAt: at }), cara, [])).toEqual(['retry']);
    expect(offeredEvents(post({ state: 'failed' }), ada, [])).toEqual([]);
    for (const state of ['rendering', 'ready', 'exported'] as const) expect(offeredEvents(post({ state }), dee, [])).toEqual([]);
  });
});
