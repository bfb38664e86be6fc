import { isDeepStrictEqual } from 'node:util';
import type { AuditAction } from '../model/audit';
import { AppError } from '../model/errors';
import { type Permission, requirePermission } from '../model/permissions';
import { parseBulkCsv, type BulkRowError } from '../model/csv-import';
import { toICalendar } from '../model/ical';
import { Policy, type PolicyContext, checkPolicy, defaultPolicy } from '../model/policy';
import { policyReport, type RuleCheck } from '../model/policy-report';
import { ReviewRecord, type ReviewKind, reviewKey, snapshotOf } from '../model/review';
import type { AssetLicence } from '../model/asset';
import type { WatermarkCoverage } from '../model/kit-apply';
import { type Campaign, type ChannelId, type ChannelTarget, type PostContent, type User, contentFor } from '../model/post';
import { ApprovalRule, type WorkflowEvent, type WorkflowEventType, transition } from '../model/workflow';
import type { AuditRepo } from '../library/audit-repo';
import { type PostComment, type PostRecord, type PostsRepo } from '../library/posts-repo';
import type { AccountUser } from '../library/user-row';

export const POLICY_KEY = 'policy';
export const APPROVAL_RULES_KEY = 'approvals.rules';

export type TransitionRequest = { id: string; event: WorkflowEventType; actorId: string; comment?: string; override?: boolean; at?: string };

export type PostEdit = {
  id: string;
  actorId: string;
  draftId?: string | null;
  title?: string;
  content?: PostContent;
  targets?: ChannelTarget[];
  coverTime?: number | null;
  sponsored?: boolean;
  campaignId?: string | null;
  scheduledAt?: string | null;
  timeZone?: string;
};

const emptyContent = (): PostContent => ({ caption: '', hashtags: [], mentions: [], firstComment: '', link: null });

/**
 * The publish room's use cases over the library: every state change goes through the pure workflow
 * (model/workflow.ts), the compliance policy is run on submit and approve, and each effect the workflow asks
 * for is carried out here (comment rows, audit entries, schedule changes) in the same transaction as the
 * new state, so a crash never leaves a state change without its audit entry.
 */
export class PostService {
  constructor(
    readonly posts: PostsRepo,
    private readonly audit: AuditRepo,
    private readonly db: { transaction<T>(fn: () => T): { immediate(): T } },
    /** The licences of the assets a draft uses (library/assets-repo.ts `licencesOfDraft`). */
    private readonly licencesOf: (draftId: string) => AssetLicence[],
    private readonly now: () => Date = () => new Date(),
    /** How a draft carries the brand watermark (model/kit-apply.ts `watermarkCoverage`), for the policy's requireWatermark. */
    private readonly watermarkOf: (draftId: string) => WatermarkCoverage | 'noDraft' = () => 'noDraft',
  ) {}

  policy(): Policy {
    const stored = this.posts.setting(POLICY_KEY);
    return stored === undefined ? defaultPolicy : Policy.parse(stored);
  }

  approvalRules(): ApprovalRule[] {
    const stored = this.posts.setting(APPROVAL_RULES_KEY);
    return stored === undefined ? [] : ApprovalRule.array().parse(stored);
  }

  /** The actor, when their role holds the permission (model/permissions.ts); an 'unauthorized' error otherwise. */
  permitted(actorId: string, permission: Permission): User {
    return requirePermission(this.posts.requireUser(actorId), permission);
  }

  /**
   * A library-wide change only some roles may make: the permission is checked, then `change` runs and its
   * audit entry (if it returns one: nothing changed, nothing to record) is appended in the same transaction.
   */
  withPermission<T>(actorId: string, permission: Permission, change: (actor: User) => { result: T; audit: { action: AuditAction; detail: Record<string, unknown> } | null }): T {
    return this.db
      .transaction(() => {
        const actor = this.permitted(actorId, permission);
        const { result, audit } = change(actor);
        if (audit) this.audit.append({ actor, action: audit.action, postId: null, detail: audit.detail, at: this.now().toISOString() });
        return result;
      })
      .immediate();
  }

  setPolicy(actorId: string, policy: Policy | undefined, approvals: ApprovalRule[] | undefined): { policy: Policy; approvals: ApprovalRule[] } {
    this.withPermission(actorId, 'policy.edit', () => {
      if (policy) this.posts.setSetting(POLICY_KEY, policy);
      if (approvals) this.posts.setSetting(APPROVAL_RULES_KEY, approvals);
      return { result: null, audit: { action: 'policy_edit', detail: { policy: policy ?? null, approvals: approvals ?? null } } };
    });
    return { policy: this.policy(), approvals: this.approvalRules() };
  }

  createUser(actorId: string, name: string, role: User['role']): AccountUser {
    this.permitted(actorId, 'users.create');
    return this.posts.createUser(name, role);
  }

  /**
   * The policy's problems with the post as each channel would get it (per-channel overrides applied), each
   * said once. The licence rule sees the assets of the post's draft as they are now (a licence that ran out
   * after approval is caught again at the next submit or approval).
   */
  policyProblems(post: PostRecord): string[] {
    const policy = this.policy();
    const ctx = this.policyContext(post);
    const out = new Set<string>();
    for (const t of post.targets) for (const v of checkPolicy(policy, contentFor(post, t.channel), { ...ctx, channel: t.channel })) out.add(`${v.message} (${v.fix})`);
    return [...out];
  }

  /** What the policy rules see of a post besides its text: sponsorship, its draft's licences and watermark, the time. */
  private policyContext(post: PostRecord): Omit<PolicyContext, 'channel'> {
    const watermark = post.draftId ? this.watermarkOf(post.draftId) : 'noDraft';
    return { sponsored: post.sponsored, assetLicences: post.draftId ? this.licencesOf(post.draftId) : [], now: this.now(), watermark };
  }

  /** Every policy rule for the post as its channels get it, passed, failed or off: the approver's review lists them. */
  policyChecks(post: PostRecord): RuleCheck[] {
    return policyReport(this.policy(), post.targets.map((t) => t.channel), (c) => contentFor(post, c), this.policyContext(post));
  }

  /** The post as `actorId` saw it when they last approved, requested changes or commented; null before that. */
  lastReview(postId: string, actorId: string): ReviewRecord | null {
    const stored = this.posts.setting(reviewKey(postId, actorId));
    const parsed = stored === undefined ? null : ReviewRecord.safeParse(stored);
    // A record that no longer parses (an older shape) is as if there were none: the diff is then not shown.
    return parsed?.success ? parsed.data : null;
  }

  /** Keeps the post as the reviewer saw it now (the diff of their next review starts here). */
  recordReview(post: PostRecord, actorId: string, kind: ReviewKind, draftRevision: number | null): void {
    const record: ReviewRecord = { at: this.now().toISOString(), kind, snapshot: snapshotOf(post, draftRevision) };
    this.posts.setSetting(reviewKey(post.id, actorId), record);
  }

  /** A comment on a post's thread, outside any workflow step (the thread is the review's conversation). */
  comment(input: { id: string; actorId: string; body: string }): PostComment {
    const actor = this.posts.requireUser(input.actorId);
    const body = input.body.trim();
    if (body === '') throw new AppError('invalid_input', 'Write something to comment.');
    return this.db
      .transaction(() => {
        const post = this.posts.require(input.id);
        const c = this.posts.addComment(post.id, actor.id, body);
        this.audit.append({ actor, action: 'comment', postId: post.id, detail: { comment: body }, at: this.now().toISOString() });
        return c;
      })
      .immediate();
  }

  /** Campaigns are shared planning data: anyone on the team may create or edit them; each change is audited. */
  saveCampaign(actorId: string, c: Omit<Campaign, 'id'> & { id?: string }): Campaign {
    const actor = this.posts.requireUser(actorId);
    if (c.startDate && c.endDate && c.endDate < c.startDate) {
      throw new AppError('invalid_input', `The campaign ends (${c.endDate}) before it starts (${c.startDate}): pick an end date on or after the start.`);
    }
    return this.db
      .transaction(() => {
        const saved = c.id ? this.posts.updateCampaign({ ...c, id: c.id }) : this.posts.createCampaign(c);
        this.audit.append({ actor, action: 'campaign_edit', postId: null, detail: { campaign: saved, created: !c.id }, at: this.now().toISOString() });
        return saved;
      })
      .immediate();
  }

  /** A new post and its audit entry ('create'), together or not at all. */
  createFromDraft(input: { draftId: string; draftName: string; actorId: string; title?: string; targets: ChannelTarget[]; timeZone: string; campaignId: string | null }): PostRecord {
    const actor = this.posts.requireUser(input.actorId);
    return this.db
      .transaction(() => {
        const post = this.posts.create({
          draftId: input.draftId, title: input.title ?? input.draftName, content: emptyContent(), targets: input.targets, coverTime: null,
          sponsored: false, campaignId: input.campaignId, scheduledAt: null, timeZone: input.timeZone, createdBy: input.actorId,
        });
        this.auditCreate(actor, post, 'app');
        return post;
      })
      .immediate();
  }

  private auditCreate(actor: User, post: PostRecord, source: 'app' | 'csv'): void {
    const detail = { source, title: post.title, draftId: post.draftId, channels: post.targets.map((t) => t.channel), campaignId: post.campaignId, scheduledAt: post.scheduledAt };
    this.audit.append({ actor, action: 'create', postId: post.id, detail, at: this.now().toISOString() });
  }

  /**
   * Content changes (anything but the time) are a workflow `edit`: refused for posts on their way out, and an
   * approved or scheduled post goes back to review. A new time alone reschedules a scheduled post
   * (`schedule`/`unschedule`) and is stored as the planned time on posts not yet approved.
   */
  update(e: PostEdit): PostRecord {
    const actor = this.posts.requireUser(e.actorId);
    return this.db
      .transaction(() => {
        let post = this.posts.require(e.id);
        const contentKeys = ['draftId', 'title', 'content', 'targets', 'coverTime', 'sponsored', 'campaignId'] as const;
        // A field sent as it already is changes nothing: the Edit dialog sends every field, and saving only a new
        // time must not send an approved post back to review.
        const editsContent = contentKeys.some((k) => e[k] !== undefined && !isDeepStrictEqual(e[k], post[k]));
        if (editsContent) {
          const next: PostRecord = {
            ...post,
            ...Object.fromEntries(contentKeys.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])),
          };
          post = this.apply(post, { type: 'edit' }, actor, next, true);
        }
        const timeChanged = (e.scheduledAt !== undefined && e.scheduledAt !== post.scheduledAt) || (e.timeZone !== undefined && e.timeZone !== post.timeZone);
        if (timeChanged) {
          const at = e.scheduledAt === undefined ? post.scheduledAt : e.scheduledAt;
          const withZone = { ...post, timeZone: e.timeZone ?? post.timeZone };
          if (post.state === 'approved' || post.state === 'scheduled') {
            post = this.apply(post, at === null ? { type: 'unschedule' } : { type: 'schedule', at }, actor, withZone, false);
          } else if (post.state === 'draft' || post.state === 'in_review' || post.state === 'changes_requested') {
            post = this.posts.save({ ...withZone, scheduledAt: at });
          } else {
            throw new AppError('conflict', `A post that is ${post.state} cannot be rescheduled now. Wait until it is delivered or failed, then retry it.`);
          }
        }
        return post;
      })
      .immediate();
  }

  transition(r: TransitionRequest): PostRecord {
    const actor = this.posts.requireUser(r.actorId);
    return this.db
      .transaction(() => {
        const post = this.posts.require(r.id);
        const event = this.eventOf(r, post);
        const after = this.apply(post, event, actor, post, false);
        // A comment on any other event is kept as a comment (request_changes stores its own through its effect).
        const note = r.comment?.trim();
        if (note && event.type !== 'request_changes' && event.type !== 'fail') {
          this.posts.addComment(post.id, actor.id, note);
          this.audit.append({ actor, action: 'comment', postId: post.id, detail: { comment: note }, at: this.now().toISOString() });
        }
        return after;
      })
      .immediate();
  }

  /**
   * A draft was saved: each post carrying it that is in review with approvals, approved or scheduled goes back to
   * review with its approvals cleared (whoever saved: reviewers approved the draft as it was, and the render takes it
   * as it is). A post in review without approvals has nothing to take back, so autosaves do not fill the audit log.
   */
  draftSaved(draftId: string, actorId: string): PostRecord[] {
    const actor = this.posts.requireUser(actorId);
    return this.db
      .transaction(() =>
        this.posts
          .list({ draftId })
          .filter((p) => p.state === 'approved' || p.state === 'scheduled' || (p.state === 'in_review' && p.approvals.length > 0))
          .map((p) => this.apply(p, { type: 'draft_saved' }, actor, p, true)),
      )
      .immediate();
  }

  private eventOf(r: TransitionRequest, post: PostRecord): WorkflowEvent {
    switch (r.event) {
      case 'submit':
      case 'approve':
        return { type: r.event, override: r.override };
      case 'request_changes':
        return { type: 'request_changes', comment: r.comment ?? '' };
      case 'schedule': {
        const at = r.at ?? post.scheduledAt;
        if (!at) throw new AppError('invalid_input', 'Pick a date and time to schedule this post (give `at`, or set its time first).');
        return { type: 'schedule', at };
      }
      case 'fail':
        return { type: 'fail', reason: r.comment?.trim() || 'Marked failed by a person.' };
      default:
        return { type: r.event };
    }
  }

  /**
   * Runs one workflow event and carries out its effects. `next` is the post as it will be stored (with edited
   * content); the policy is checked on that content for submit and approve.
   */
  private apply(post: PostRecord, event: WorkflowEvent, actor: User, next: PostRecord, bumpRevision: boolean): PostRecord {
    const policyProblems = event.type === 'submit' || event.type === 'approve' ? this.policyProblems(next) : [];
    const r = transition({ ...post, approvals: post.approvals }, event, actor, { approvals: this.approvalRules(), policyProblems });
    if (!r.ok) throw new AppError('conflict', r.reason);
    let stored: PostRecord = { ...next, state: r.state };
    const at = this.now().toISOString();
    for (const fx of r.effects) {
      switch (fx.type) {
        case 'set_schedule':
          stored = { ...stored, scheduledAt: fx.at };
          break;
        case 'comment':
          this.posts.addComment(post.id, actor.id, fx.text);
          break;
        case 'audit':
          this.audit.append({ actor, action: fx.action, postId: post.id, detail: { from: post.state, to: r.state, ...fx.detail }, at });
          break;
        case 'policy_override':
          // The audit entry for the override is its own 'audit' effect; nothing else to store.
          break;
      }
    }
    const saved = this.posts.save(stored, { bumpRevision });
    this.posts.setApprovals(post.id, r.approvals);
    return { ...saved, approvals: [...r.approvals] };
  }

  /**
   * Hootsuite bulk CSV → text-first posts in 'draft' state with their planned time; they get a draft attached
   * (posts.update draftId) before they can be exported. Nothing is created when the file itself is unreadable.
   */
  importCsv(input: { text: string; zone: string; actorId: string; channels: ChannelId[]; campaignId: string | null }): { created: PostRecord[]; errors: BulkRowError[] } {
    const actor = this.posts.requireUser(input.actorId);
    const parsed = parseBulkCsv(input.text, { zone: input.zone, now: this.now() });
    const created = this.db
      .transaction(() =>
        parsed.rows.map((row) => {
          const post = this.posts.create({
            draftId: null, title: titleOf(row.message), content: { ...emptyContent(), caption: row.message, link: row.link },
            targets: input.channels.map((channel) => ({ channel, overrides: {} })), coverTime: null, sponsored: false,
            campaignId: input.campaignId, scheduledAt: row.scheduledAt, timeZone: row.timeZone, createdBy: input.actorId,
          });
          // One entry per row: each imported post is a post someone made.
          this.auditCreate(actor, post, 'csv');
          return post;
        }),
      )
      .immediate();
    return { created, errors: parsed.errors };
  }

  /** The schedule as iCalendar; with a campaign, only its posts, and the calendar is named after it. */
  ics(campaignId: string | null): string {
    const campaigns = new Map(this.posts.campaigns().map((c) => [c.id, c.name]));
    const posts = this.posts.list({ campaignId }).filter((p) => p.state !== 'failed');
    return toICalendar(
      posts.map((p) => ({ id: p.id, title: p.title, scheduledAt: p.scheduledAt, timeZone: p.timeZone, channels: p.targets.map((t) => t.channel), campaign: p.campaignId ? campaigns.get(p.campaignId) ?? null : null })),
      this.now(),
      campaignId ? `Postframe: ${campaigns.get(campaignId) ?? 'campaign'}` : 'Postframe schedule',
    );
  }
}

/** The first line of a message, shortened on a word boundary: a title a person recognises in the queue. */
export function titleOf(message: string): string {
  const line = message.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? 'Imported post';
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
