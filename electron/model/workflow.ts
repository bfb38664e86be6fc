import { z } from 'zod';
import type { AuditAction } from './audit';
import { channelLimits } from './channels';
import { ChannelId, type Post, type PostState, type User } from './post';

/**
 * The post workflow as a pure state machine (DESIGN.md "Publishing"). Callers (publish room, studio) load
 * the post and the approvals collected since the last submit, call `transition`, and on success persist
 * the new state and approvals and carry out the effects (audit entries, comments, schedule changes).
 * Nothing here reads a clock or a database, so every rule is tested by property-based tests.
 */

export const ApprovalRule = z
  .object({
    channel: ChannelId,
    /** How many distinct approvals the channel needs ('any') or how many named approvers there are ('all'). */
    approvers: z.number().int().min(1).max(3),
    /** 'any': `approvers` distinct eligible people; 'all': every one of `approverIds`. */
    mode: z.enum(['any', 'all']),
    /** Who may approve for this channel; absent = anyone with the approver or admin role. */
    approverIds: z.array(z.string()).min(1).max(3).optional(),
  })
  .refine((r) => r.mode === 'any' || (r.approverIds !== undefined && new Set(r.approverIds).size === r.approvers), {
    message: "An 'all' rule names its approvers: approverIds must list exactly `approvers` different people.",
  })
  .refine((r) => r.approverIds === undefined || r.approverIds.length >= r.approvers, {
    message: 'The rule needs more approvals than it names approvers: add approvers or lower the count.',
  });
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/** A channel without a rule needs one approval from anyone with the approver or admin role. */
export const DEFAULT_APPROVAL_RULE: Omit<ApprovalRule, 'channel'> = { approvers: 1, mode: 'any' };

export type WorkflowRules = {
  approvals: readonly ApprovalRule[];
  /**
   * Compliance problems the policy found in the post as it is now (computed by the caller, which runs
   * the policy). Non-empty blocks submit and approve unless an admin overrides.
   */
  policyProblems?: readonly string[];
};

/** What the machine needs to know of a post. `approvals`: approver ids collected since the last submit. */
export type WorkflowPost = Pick<Post, 'state' | 'targets' | 'createdBy' | 'scheduledAt'> & { approvals: readonly string[] };

export type WorkflowEvent =
  | { type: 'submit'; override?: boolean }
  | { type: 'approve'; override?: boolean }
  | { type: 'request_changes'; comment: string }
  | { type: 'edit' }
  | { type: 'schedule'; at: string }
  | { type: 'unschedule' }
  | { type: 'start_render' }
  | { type: 'render_done' }
  | { type: 'deliver_done' }
  | { type: 'fail'; reason: string }
  | { type: 'retry' }
  /** The post's draft was saved: what reviewers saw is not what would go out any more (the engine's own step). */
  | { type: 'draft_saved' };
export type WorkflowEventType = WorkflowEvent['type'];
export const workflowEventTypes: readonly WorkflowEventType[] = [
  'submit', 'approve', 'request_changes', 'edit', 'schedule', 'unschedule', 'start_render', 'render_done', 'deliver_done', 'fail', 'retry', 'draft_saved',
];

export type WorkflowEffect =
  | { type: 'audit'; action: AuditAction; detail?: Record<string, unknown> }
  | { type: 'comment'; text: string }
  | { type: 'set_schedule'; at: string | null }
  | { type: 'policy_override'; problems: readonly string[] };

export type TransitionResult =
  | { ok: true; state: PostState; approvals: readonly string[]; effects: WorkflowEffect[] }
  | { ok: false; reason: string };

/**
 * Every edge the machine may take: from → event → possible targets. A self-edge (e.g. an approval that
 * is not yet enough, an edit of a draft, a reschedule) keeps the state. Anything not listed is refused;
 * 'exported' has no way out: a delivered post is history (make a new post to publish again).
 */
export const WORKFLOW_EDGES: Readonly<Record<PostState, Partial<Record<WorkflowEventType, readonly PostState[]>>>> = {
  draft: { submit: ['in_review'], edit: ['draft'] },
  in_review: { approve: ['in_review', 'approved'], request_changes: ['changes_requested'], edit: ['in_review'], draft_saved: ['in_review'] },
  changes_requested: { submit: ['in_review'], edit: ['changes_requested'] },
  // An edit after approval sends the post back to review; "Export now" renders an approved post directly.
  // Approvals were given to the draft as it was: saving it sends an approved or scheduled post back to review.
  approved: { edit: ['in_review'], schedule: ['scheduled'], start_render: ['rendering'], draft_saved: ['in_review'] },
  scheduled: { edit: ['in_review'], schedule: ['scheduled'], unschedule: ['approved'], start_render: ['rendering'], draft_saved: ['in_review'] },
  rendering: { render_done: ['ready'], fail: ['failed'] },
  ready: { deliver_done: ['exported'], fail: ['failed'] },
  exported: {},
  // A retry goes back to the queue: scheduled when it still has a time, else approved.
  failed: { retry: ['scheduled', 'approved'] },
};

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });

const STATE_WORDS: Record<PostState, string> = {
  draft: 'a draft',
  in_review: 'in review',
  changes_requested: 'waiting for changes',
  approved: 'approved',
  scheduled: 'scheduled',
  rendering: 'rendering',
  ready: 'rendered and waiting for delivery',
  exported: 'already exported',
  failed: 'failed',
};

/** The rule each of the post's channels is held to. */
export function rulesFor(post: Pick<Post, 'targets'>, rules: readonly ApprovalRule[]): ApprovalRule[] {
  return post.targets.map((t) => rules.find((r) => r.channel === t.channel) ?? { channel: t.channel, ...DEFAULT_APPROVAL_RULE });
}

/** Whether `approverIds` (distinct people, none of them the author) satisfy one channel's rule. */
export function ruleSatisfied(rule: ApprovalRule, approverIds: readonly string[]): boolean {
  const distinct = new Set(approverIds);
  if (rule.mode === 'all') return (rule.approverIds ?? []).every((id) => distinct.has(id));
  const eligible = rule.approverIds ? [...distinct].filter((id) => rule.approverIds!.includes(id)) : [...distinct];
  return eligible.length >= rule.approvers;
}

/** Approved when every target channel's rule is satisfied by the approvals since the last submit. */
export function approvalsSatisfied(post: Pick<Post, 'targets'>, rules: readonly ApprovalRule[], approverIds: readonly string[]): boolean {
  return rulesFor(post, rules).every((r) => ruleSatisfied(r, approverIds));
}

const canReview = (u: User) => u.role === 'approver' || u.role === 'admin';

/**
 * The post's channels the actor may not decide on: an approver limited to some channels (User.approverChannels)
 * decides only on posts whose channels are all theirs. Admins and unlimited approvers decide on every channel.
 */
export function channelsOutsideRights(post: Pick<Post, 'targets'>, actor: User): ChannelId[] {
  const mine = actor.role === 'admin' ? null : (actor.approverChannels ?? null);
  if (mine === null) return [];
  return [...new Set(post.targets.map((t) => t.channel))].filter((c) => !mine.includes(c));
}

/** "TikTok and X", for a refusal a person reads. */
function channelNames(channels: readonly ChannelId[]): string {
  const names = channels.map((c) => channelLimits[c].label);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function outsideRights(post: Pick<Post, 'targets'>, actor: User, doing: string): string | null {
  const outside = channelsOutsideRights(post, actor);
  if (outside.length === 0) return null;
  const mine = channelNames(actor.approverChannels ?? []);
  return `You ${doing} only for ${mine || 'no channel'}; this post also goes to ${channelNames(outside)}. Ask an approver for ${outside.length === 1 ? 'that channel' : 'those channels'}, or an admin.`;
}
const isOwnerOrAdmin = (post: WorkflowPost, u: User) => post.createdBy === u.id || u.role === 'admin';

/** Policy gate for submit and approve: blocks, or lets an admin through with an audited override. */
function policyGate(event: { override?: boolean }, actor: User, rules: WorkflowRules): { refused: string } | { effects: WorkflowEffect[] } {
  const problems = rules.policyProblems ?? [];
  if (problems.length === 0) return { effects: [] };
  if (!event.override) return { refused: `The compliance policy blocks this post: ${problems.join('; ')}. Fix these, or ask an admin to override.` };
  if (actor.role !== 'admin') return { refused: 'Only an admin can override the compliance policy.' };
  return { effects: [{ type: 'policy_override', problems }, { type: 'audit', action: 'policy_override', detail: { problems } }] };
}

export function transition(post: WorkflowPost, event: WorkflowEvent, actor: User, rules: WorkflowRules): TransitionResult {
  const from = post.state;
  // Checked before the state so "a rejection needs a comment" holds whatever state the post is in.
  if (event.type === 'request_changes' && event.comment.trim() === '') {
    return refuse('A request for changes needs a comment that says what to change.');
  }
  const targets = WORKFLOW_EDGES[from][event.type];
  if (!targets) return refuse(`A post that is ${STATE_WORDS[from]} cannot take "${event.type.replace('_', ' ')}".`);
  const ok = (state: PostState, effects: WorkflowEffect[], approvals: readonly string[] = post.approvals): TransitionResult => {
    // Defence in depth: an implementation slip must not take an edge the table does not list.
    if (!targets.includes(state)) return refuse(`Internal: ${from} → ${state} on ${event.type} is not in the workflow.`);
    return { ok: true, state, approvals, effects };
  };

  switch (event.type) {
    case 'submit': {
      if (!isOwnerOrAdmin(post, actor)) return refuse('Only the post’s author or an admin can submit it for review.');
      const gate = policyGate(event, actor, rules);
      if ('refused' in gate) return refuse(gate.refused);
      // A new round of review: approvals from before the changes no longer count.
      return ok('in_review', [...gate.effects, { type: 'audit', action: 'submit' }], []);
    }
    case 'edit': {
      if (!isOwnerOrAdmin(post, actor)) return refuse('Only the post’s author or an admin can edit it.');
      // Approvals were given to the content as it was: an edit in or after review starts the round again.
      if (from === 'approved' || from === 'scheduled') return ok('in_review', [{ type: 'audit', action: 'edit', detail: { backToReview: true } }], []);
      if (from === 'in_review') return ok('in_review', [{ type: 'audit', action: 'edit' }], []);
      return ok(from, [{ type: 'audit', action: 'edit' }]);
    }
    case 'approve': {
      if (!canReview(actor)) return refuse('Only an approver or an admin can approve posts.');
      if (post.createdBy === actor.id) return refuse('You cannot approve your own post: ask another approver.');
      if (post.approvals.includes(actor.id)) return refuse('You have already approved this post; it is waiting for other approvers.');
      const notMine = outsideRights(post, actor, 'approve');
      if (notMine) return refuse(notMine);
      const channelRules = rulesFor(post, rules.approvals);
      if (!channelRules.some((r) => !r.approverIds || r.approverIds.includes(actor.id))) {
        return refuse(`You are not an approver for ${channelRules.map((r) => r.channel).join(', ')}.`);
      }
      const gate = policyGate(event, actor, rules);
      if ('refused' in gate) return refuse(gate.refused);
      const approvals = [...post.approvals, actor.id];
      const done = approvalsSatisfied(post, rules.approvals, approvals);
      return ok(done ? 'approved' : 'in_review', [...gate.effects, { type: 'audit', action: 'approve', detail: { complete: done } }], approvals);
    }
    case 'request_changes': {
      if (!canReview(actor)) return refuse('Only an approver or an admin can request changes.');
      if (post.createdBy === actor.id) return refuse('You cannot review your own post: edit it instead.');
      const notMine = outsideRights(post, actor, 'review');
      if (notMine) return refuse(notMine);
      const text = event.comment.trim();
      return ok('changes_requested', [{ type: 'comment', text }, { type: 'audit', action: 'reject', detail: { comment: text } }], []);
    }
    case 'schedule': {
      if (!isOwnerOrAdmin(post, actor)) return refuse('Only the post’s author or an admin can schedule it.');
      if (Number.isNaN(Date.parse(event.at))) return refuse(`"${event.at}" is not a date and time; pick one on the calendar.`);
      return ok('scheduled', [{ type: 'set_schedule', at: event.at }, { type: 'audit', action: 'schedule', detail: { at: event.at } }]);
    }
    case 'unschedule': {
      if (!isOwnerOrAdmin(post, actor)) return refuse('Only the post’s author or an admin can unschedule it.');
      return ok('approved', [{ type: 'set_schedule', at: null }, { type: 'audit', action: 'unschedule' }]);
    }
    case 'start_render':
      // Started by the scheduler (acting for the author) or by "Export now" from anyone on the team.
      return ok('rendering', [{ type: 'audit', action: 'render' }]);
    case 'render_done':
      return ok('ready', []);
    case 'deliver_done':
      return ok('exported', [{ type: 'audit', action: 'export' }]);
    case 'fail':
      return ok('failed', [{ type: 'audit', action: 'fail', detail: { reason: event.reason } }]);
    case 'draft_saved':
      // Whoever saved (drafts are the team's): the round of review starts again, and nothing is lost but approvals.
      return ok('in_review', [{ type: 'audit', action: 'edit', detail: { draftSaved: true, backToReview: from !== 'in_review' } }], []);
    case 'retry': {
      if (!isOwnerOrAdmin(post, actor)) return refuse('Only the post’s author or an admin can retry it.');
      return ok(post.scheduledAt ? 'scheduled' : 'approved', [{ type: 'audit', action: 'retry' }]);
    }
  }
}

/** Workflow events a person starts from the post panel; the others are the engine's own (render, delivery). */
export const personEventTypes = ['submit', 'approve', 'request_changes', 'edit', 'schedule', 'unschedule', 'retry'] as const satisfies readonly WorkflowEventType[];
export type PersonEventType = (typeof personEventTypes)[number];

/**
 * What `actor` may do with `post` now, decided by the very `transition` the engine runs (one set of rules, not
 * a copy in the UI): an event is offered when the machine would take it from here.
 *  - The UI does not know the compliance policy's verdict (the engine checks it on the content it stores), so
 *    submit and approve are judged without policy problems; a block is explained when the engine refuses.
 *  - `request_changes` is judged with a comment (the UI asks for one before sending).
 *  - `schedule` uses the post's planned time, as the engine does; without one there is nothing to schedule
 *    (a time is set by editing the post), and on a scheduled post it would change nothing.
 */
export function offeredEvents(post: WorkflowPost, actor: User, approvals: readonly ApprovalRule[]): PersonEventType[] {
  const rules: WorkflowRules = { approvals, policyProblems: [] };
  const sample = (type: PersonEventType): WorkflowEvent | null => {
    switch (type) {
      case 'request_changes':
        return { type, comment: 'changes' };
      case 'schedule':
        return post.scheduledAt && post.state !== 'scheduled' ? { type, at: post.scheduledAt } : null;
      default:
        return { type };
    }
  };
  return personEventTypes.filter((type) => {
    const event = sample(type);
    return event !== null && transition(post, event, actor, rules).ok;
  });
}
