import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditRepo } from '../library/audit-repo';
import type { PostRecord } from '../library/posts-repo';
import { SidecarList, sidecarPlan, sidecarText } from '../model/caption-sidecar';
import type { CaptionTrack } from '../model/caption-track';
import { carouselRoute, channelLimits } from '../model/channels';
import { type ConnectorKind, routeFor } from '../model/delivery-settings';
import { type ChannelDelivery, type LatePost, type PostDeliveryStatus, SET_UP_DELIVERY } from '../model/delivery-status';
import { type LogFn, inBackground, safeLog } from '../model/background';
import { AppError, errorMessage, isAppError } from '../model/errors';
import type { ChannelId, User } from '../model/post';
import { type VariantPlan, planVariant, variantKey } from '../model/render-variant';
import { CONFIRM_LATE_MINUTES, lateness } from '../model/schedule';
import { type ConnectorSettings, isSet, webhookSecretProblem } from './connectors';
import { type DeliveriesRepo, deliver } from './deliveries-repo';
import { type Connector, type DeliveredCaption, deliveryFor, deliveryIdFor } from './delivery';
import type { PostService } from './post-service';

/**
 * The delivery engine: takes approved posts out to their channels. For one post: plan a render variant per
 * target (targets with the same plan share one export), render them with the export engine as jobs, take a
 * cover from each, then deliver each channel through its connector and the ledger, and settle the post
 * (exported when every channel has it, failed when one refused). Used by the in-app scheduler (one pass at a
 * time, see scheduler.ts), "Export now", and `postframe queue export-due`. docs/delivery.md.
 *
 * The ledger makes every send exactly-once; the workflow guards the post (only an approved or scheduled post
 * starts rendering, so two callers cannot both export it); `busy` keeps this process from working on one post
 * twice at once.
 */

/** What happened to one post in a pass (the CLI prints these). */
export type DueOutcome = {
  postId: string;
  title: string;
  status: 'delivered' | 'skipped_late' | 'skipped_no_draft' | 'blocked' | 'failed' | 'waiting';
  message: string;
  deliveries: { channel: string; deliveryId: string; state: string; error: string | null }[];
};

/** What the engine needs of the export engine (studio/delivery.ts provides it). */
export interface RenderPort {
  /** The draft's facts for planning variants; null when the draft is gone. */
  draftFacts(draftId: string): { name: string; kind: 'video' | 'image'; canvas: { width: number; height: number; fps: number }; durationSec: number; pages: number; captions: CaptionTrack[] } | null;
  /**
   * Starts ONE export job that renders every variant in one ffmpeg process (render/export.ts runVariantExport);
   * `done` resolves when every file is finished and rejects with the reason (naming the variant that failed).
   */
  startVariants(req: { draftId: string; outputs: { variant: VariantPlan; outputPath: string; label: string }[]; title: string }): { jobId: string; done: Promise<void> };
  /** Starts an image draft's export into `outputDir` (numbered JPEGs in page order); `done` as startVariant's. */
  startImages(req: { draftId: string; plan: ImagePlan; outputDir: string; title: string }): { jobId: string; done: Promise<void> };
  cancelJob(jobId: string): void;
  /** A JPEG of the frame at `atSec` of `media`. */
  writeCover(media: string, atSec: number, out: string): Promise<void>;
}

export interface EngineDeps {
  service: PostService;
  ledger: DeliveriesRepo;
  audit: AuditRepo;
  connectors: () => ConnectorSettings;
  makeConnector: (kind: ConnectorKind, s: ConnectorSettings) => Connector | null;
  render: RenderPort;
  /** `<library>/exports/posts`: the rendered variants, per post and revision. */
  rendersDir: string;
  clock: () => Date;
  events: { postsChanged(ids: string[]): void; deliveryChanged(ids: string[]): void; late(posts: LatePost[]): void };
  log: LogFn;
}

/**
 * An image post's files for one channel: JPEG pages at `width`, each stepped down to `maxBytes`; `document`: the
 * pages also go as one PDF (a LinkedIn document post), which is what the channel gets.
 */
export type ImagePlan = { width: number; maxBytes: number | null; document: boolean };
type Prepared = { plans: Map<ChannelId, VariantPlan>; durationSec: number; draftId: string; images: Map<ChannelId, ImagePlan> | null; captions: CaptionTrack[] };

/** The list of a channel's caption files in its `<channel>.captions/` render folder. */
const CAPTIONS_MANIFEST = 'captions.json';

/** Room left in a document's byte limit for the PDF's own structure (a few hundred bytes a page). */
const PDF_OVERHEAD = 0.98;

/**
 * What an image post sends a channel: JPEG (every channel taking images takes it), scaled down only where the
 * channel's width limit is under the canvas, stepped down to its file-size limit; a carousel to a channel with
 * document posts as one PDF (each page stepped down to its share of the document's limit). Or why it cannot go,
 * and what to do (model/channels.ts carouselRoute: the composer's check says the same).
 */
export function imagePlanFor(canvasWidth: number, pages: number, channel: ChannelId): ImagePlan | { problem: string } {
  const route = carouselRoute(pages, channel);
  if (route.as === 'none') return { problem: `${route.what}. ${route.fix.charAt(0).toUpperCase()}${route.fix.slice(1)}.` };
  const m = channelLimits[channel].image!;
  const maxWidth = m.width?.max ?? m.side?.max ?? null;
  const width = maxWidth != null && canvasWidth > maxWidth ? maxWidth : canvasWidth;
  if (route.as === 'document') {
    const share = route.limits.maxBytes == null ? null : Math.floor((route.limits.maxBytes * PDF_OVERHEAD) / pages);
    return { width, maxBytes: share == null ? m.maxBytes : Math.min(share, m.maxBytes ?? Infinity), document: true };
  }
  return { width, maxBytes: m.maxBytes, document: false };
}
type Run = { jobIds: string[]; done: Promise<DueOutcome> };

const label = (c: ChannelId) => channelLimits[c].label;
/** "TikTok", "TikTok and X", "TikTok, X and LinkedIn": channel names as a sentence lists them. */
const labels = (cs: readonly ChannelId[]) => {
  const names = cs.map(label);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
};
const isHere = (s: string | undefined | null) => s === 'delivered';

export class DeliveryEngine {
  private readonly runs = new Map<string, Run>();
  /** Why a due post is not going out, by post (shown on the post; cleared when it moves on). */
  private readonly problems = new Map<string, string>();
  private lastLate = '';
  private stopping = false;
  /** Never throws: a failing logger must not turn one post's logged trouble into a failed pass. */
  private readonly log: LogFn;

  constructor(private readonly d: EngineDeps) {
    this.log = safeLog(d.log);
  }

  private get posts() {
    return this.d.service.posts;
  }

  // ── what the app shows ────────────────────────────────────────────────────

  status(postId: string): PostDeliveryStatus {
    const post = this.posts.require(postId);
    const s = this.d.connectors();
    const channels: ChannelDelivery[] = post.targets.map(({ channel }) => {
      const row = this.d.ledger.get(deliveryIdFor(post.id, channel, post.revision));
      return {
        channel,
        connector: row?.connector ?? routeFor(channel, isSet(s)),
        state: row?.state ?? null,
        attempts: row?.attempts ?? 0,
        nextAttemptAt: row?.state === 'retry' ? row.nextAttemptAt : null,
        error: row?.lastError ?? null,
        updatedAt: row?.updatedAt ?? null,
      };
    });
    const now = this.d.clock();
    const busy = this.runs.has(post.id);
    const exportable = !busy && (post.state === 'approved' || post.state === 'scheduled' || post.state === 'failed');
    const due = post.state === 'scheduled' && post.scheduledAt !== null && post.scheduledAt <= now.toISOString();
    const late = due ? lateness(post.scheduledAt!, now) : 0;
    // What stops an export now (said before anyone tries), else why it failed, else trouble of its last attempt.
    const missing = exportable ? this.preflightProblem(post) : null;
    const problem = missing ?? (post.state === 'failed' ? this.failureNotShown(post) : (this.problems.get(post.id) ?? null));
    return {
      postId: post.id,
      revision: post.revision,
      state: post.state,
      channels,
      jobIds: this.runs.get(post.id)?.jobIds ?? [],
      busy,
      canExport: exportable && missing === null,
      problem,
      minutesLate: late > CONFIRM_LATE_MINUTES && !busy ? late : null,
    };
  }

  /** Due posts more than an hour late: not exported automatically; a person chooses Export now or a new time. */
  late(now: Date = this.d.clock()): LatePost[] {
    return this.posts
      .due(now)
      .filter((p) => !this.runs.has(p.id) && lateness(p.scheduledAt!, now) > CONFIRM_LATE_MINUTES)
      .map((p) => ({ postId: p.id, title: p.title, scheduledAt: p.scheduledAt!, timeZone: p.timeZone, minutesLate: lateness(p.scheduledAt!, now) }));
  }

  /** When the scheduler should look again: the next retry or the next post falling due. */
  nextWakeAt(now: Date): Date | null {
    const times = [this.d.ledger.nextRetryAt(), this.posts.nextDueAt(now)].filter((t): t is string => t !== null).map((t) => Date.parse(t));
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /** Resolves when nothing this engine started is still running (tests, closing). */
  async whenIdle(): Promise<void> {
    while (this.runs.size) await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  /**
   * No new work; work under way stops at its next step and leaves the post as it is (resumed on the next start).
   * Resolves when it has stopped (a send in progress finishes first: the caller bounds the wait).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const r of this.runs.values()) for (const id of r.jobIds) this.d.render.cancelJob(id);
    await this.whenIdle();
  }

  // ── a person's actions ────────────────────────────────────────────────────

  /**
   * "Export now": an approved or scheduled post (due or not, late or not: a person asked), or a failed one again
   * (retry first; channels that refused are sent again, unknown ones still wait for a person). Returns once the
   * post is rendering; the rest goes on in the background with progress in the jobs and `delivery.changed`.
   */
  exportNow(postId: string, actorId: string): PostRecord {
    const actor = this.posts.requireUser(actorId);
    let post = this.posts.require(postId);
    if (this.runs.has(post.id) || post.state === 'rendering' || post.state === 'ready') {
      throw new AppError('conflict', `“${post.title}” is being exported already. Its progress is in the post’s Delivery section and in Jobs.`);
    }
    if (post.state !== 'approved' && post.state !== 'scheduled' && post.state !== 'failed') {
      throw new AppError('conflict', `Only an approved post can be exported; “${post.title}” is ${post.state.replace('_', ' ')}. Get it approved first.`);
    }
    const prepared = this.prepare(post);
    if ('problem' in prepared) throw new AppError('invalid_input', prepared.problem);
    if (post.state === 'failed') post = this.d.service.transition({ id: post.id, event: 'retry', actorId: actor.id });
    post = this.d.service.transition({ id: post.id, event: 'start_render', actorId: actor.id });
    this.problems.delete(post.id);
    this.d.events.postsChanged([post.id]);
    inBackground(`export of post ${post.id} stopped`, this.begin(post, actor, prepared, true).done, this.log);
    return post;
  }

  /** A person checked the receiver: it has this channel's post. Never sent again. */
  markDelivered(postId: string, channel: ChannelId, actorId: string): PostDeliveryStatus {
    const actor = this.posts.requireUser(actorId);
    const post = this.posts.require(postId);
    const id = this.requireRow(post, channel, ['unknown', 'failed', 'retry']);
    this.d.ledger.markDelivered(id);
    this.d.audit.append({ actor, action: 'mark_delivered', postId: post.id, detail: { channel, deliveryId: id }, at: this.d.clock().toISOString() });
    this.settle(post.id);
    this.d.events.deliveryChanged([post.id]);
    return this.status(post.id);
  }

  /**
   * A person sends one channel again (same Idempotency-Key, so a receiver that has it can drop the repeat): an
   * unknown outcome, or a retry before its time. Returns once the attempt has started.
   */
  sendAgain(postId: string, channel: ChannelId, actorId: string): PostDeliveryStatus {
    const actor = this.posts.requireUser(actorId);
    const post = this.posts.require(postId);
    if (post.state !== 'ready') {
      throw new AppError('conflict', post.state === 'failed' ? `“${post.title}” failed: use Export again, which sends every channel that did not get it.` : `“${post.title}” is not waiting for a delivery.`);
    }
    if (this.runs.has(post.id)) throw new AppError('conflict', `“${post.title}” is being delivered right now. Wait for it to finish.`);
    const id = this.requireRow(post, channel, ['unknown', 'retry']);
    this.d.audit.append({ actor, action: 'resend', postId: post.id, detail: { channel, deliveryId: id }, at: this.d.clock().toISOString() });
    this.track(post.id, [], async () => {
      await this.deliverChannel(post, channel, { resend: true });
      this.settle(post.id);
      return this.outcomeOf(post.id);
    });
    return this.status(post.id);
  }

  // ── the scheduler's pass ──────────────────────────────────────────────────

  /**
   * One pass: deliveries of rendered posts whose time has come (retries, and any a crash interrupted), then every
   * scheduled post that is due, except those more than an hour late (unless `includeLate`: the CLI's
   * --include-late), which are listed for a person instead. `resume` (the first pass after a start) also picks up
   * posts a crash left rendering. One post's trouble never stops the pass: it is logged and shown on the post.
   */
  async pass(opts: { includeLate?: boolean; resume?: boolean } = {}): Promise<DueOutcome[]> {
    const out: DueOutcome[] = [];
    const now = this.d.clock();
    const guarded = async (post: PostRecord, fn: () => Promise<DueOutcome | null>) => {
      try {
        const o = await fn();
        if (o) out.push(o);
      } catch (e) {
        this.log(`delivery of post ${post.id} (${post.title}) stopped`, e);
        this.problems.set(post.id, `Postframe could not export this post: ${errorMessage(e)}`);
        this.d.events.deliveryChanged([post.id]);
        out.push({ postId: post.id, title: post.title, status: 'failed', message: errorMessage(e), deliveries: [] });
      }
    };

    if (opts.resume) {
      for (const post of this.posts.list({ state: 'rendering' })) {
        if (this.stopping || this.runs.has(post.id)) continue;
        await guarded(post, async () => {
          const prepared = this.prepare(post);
          if ('problem' in prepared) return this.failNow(post, prepared.problem);
          return this.begin(post, this.actorFor(post), prepared, false).done;
        });
      }
    }
    for (const post of this.posts.list({ state: 'ready' })) {
      if (this.stopping || this.runs.has(post.id)) continue;
      await guarded(post, async () => {
        if (!this.hasSendable(post, now)) {
          // Nothing to send (all settled, or waiting for a person): a crash between the last send and the post's
          // own state change is mended here.
          return this.settle(post.id) ? this.outcomeOf(post.id) : null;
        }
        return this.track(post.id, [], async () => {
          await this.deliverAll(this.posts.require(post.id), false);
          this.settle(post.id);
          return this.outcomeOf(post.id);
        }).done;
      });
    }
    for (const post of this.posts.due(now)) {
      if (this.stopping || this.runs.has(post.id)) continue;
      await guarded(post, async () => {
        const base = { postId: post.id, title: post.title, deliveries: [] };
        const late = lateness(post.scheduledAt!, now);
        if (late > CONFIRM_LATE_MINUTES && !opts.includeLate) {
          return { ...base, status: 'skipped_late', message: `${late} minutes late: not exported automatically. Export it now or give it a new time (CLI: --include-late).` };
        }
        const prepared = this.prepare(post);
        if ('problem' in prepared) {
          if (this.problems.get(post.id) !== prepared.problem) this.d.events.deliveryChanged([post.id]);
          this.problems.set(post.id, prepared.problem);
          return { ...base, status: prepared.noDraft ? 'skipped_no_draft' : 'blocked', message: prepared.problem };
        }
        const actor = this.actorFor(post);
        let started: PostRecord;
        try {
          started = this.d.service.transition({ id: post.id, event: 'start_render', actorId: actor.id });
        } catch (e) {
          // Someone else took it meanwhile (Export now, another process): theirs to finish.
          if (isAppError(e) && e.code === 'conflict') return null;
          throw e;
        }
        this.problems.delete(post.id);
        this.d.events.postsChanged([post.id]);
        return this.begin(started, actor, prepared, false).done;
      });
    }
    const late = this.late(now);
    const key = late.map((p) => p.postId).join(',');
    if (key !== this.lastLate) {
      this.lastLate = key;
      this.d.events.late(late);
    }
    return out;
  }

  // ── one post ──────────────────────────────────────────────────────────────

  /** Everything a post needs before it may start rendering, or what is missing (said for a person). */
  private prepare(post: PostRecord): Prepared | { problem: string; noDraft?: boolean } {
    if (!post.draftId) return { problem: 'It has no draft to export (it was imported from a CSV). Attach a draft to the post.', noDraft: true };
    const facts = this.d.render.draftFacts(post.draftId);
    if (!facts) return { problem: 'Its draft was deleted. Attach another draft to the post.', noDraft: true };
    if (facts.kind === 'image') {
      if (facts.pages <= 0) return { problem: `The draft “${facts.name}” has no pages. Add a page in the image editor.` };
    } else if (facts.durationSec <= 0) return { problem: `The draft “${facts.name}” is empty. Add a clip to it in the Editor.` };
    const s = this.d.connectors();
    const nowhere = post.targets.filter((t) => routeFor(t.channel, isSet(s)) === null).map((t) => t.channel);
    if (nowhere.length) return { problem: `No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to ${labels(nowhere)}. ${SET_UP_DELIVERY}` };
    const plans = new Map<ChannelId, VariantPlan>();
    if (facts.kind === 'image') {
      const images = new Map<ChannelId, ImagePlan>();
      for (const t of post.targets) {
        const plan = imagePlanFor(facts.canvas.width, facts.pages, t.channel);
        if ('problem' in plan) return plan;
        images.set(t.channel, plan);
      }
      return { plans, durationSec: 0, draftId: post.draftId, images, captions: [] };
    }
    for (const t of post.targets) {
      try {
        const plan = planVariant(facts.canvas, facts.durationSec, t.channel);
        // A cap the draft is shorter than cuts nothing: left out, so channels that differ only there share a file.
        const cap = plan.maxDurationSec !== null && plan.maxDurationSec < facts.durationSec ? plan.maxDurationSec : null;
        plans.set(t.channel, { ...plan, maxDurationSec: cap });
      } catch (e) {
        return { problem: errorMessage(e) };
      }
    }
    return { plans, durationSec: facts.durationSec, draftId: post.draftId, images: null, captions: facts.captions };
  }

  private preflightProblem(post: PostRecord): string | null {
    const p = this.prepare(post);
    return 'problem' in p ? p.problem : null;
  }

  /** Renders (the post is 'rendering'), then delivers and settles; in the background, tracked as busy. */
  private begin(post: PostRecord, actor: User, prepared: Prepared, byPerson: boolean): Run {
    const jobIds: string[] = [];
    return this.track(post.id, jobIds, async () => {
      let rendered: boolean;
      try {
        rendered = await this.renderVariants(post, prepared, jobIds);
      } catch (e) {
        if (this.stopping) return this.outcomeOf(post.id);
        return this.failNow(post, errorMessage(e));
      }
      if (!rendered) return this.outcomeOf(post.id);
      this.d.service.transition({ id: post.id, event: 'render_done', actorId: actor.id });
      this.d.events.postsChanged([post.id]);
      // A post a person re-exported sends again the channels that refused it before (never unknown ones).
      await this.deliverAll(this.posts.require(post.id), byPerson);
      this.settle(post.id);
      return this.outcomeOf(post.id);
    });
  }

  /** Runs `work` as this post's run; its `done` never rejects (trouble is logged and shown on the post). */
  private track(postId: string, jobIds: string[], work: () => Promise<DueOutcome>): Run {
    const run: Run = { jobIds, done: Promise.resolve(null as unknown as DueOutcome) };
    run.done = (async () => {
      try {
        return await work();
      } catch (e) {
        this.log(`delivery of post ${postId} stopped`, e);
        this.problems.set(postId, `Postframe could not export this post: ${errorMessage(e)}`);
        const p = this.posts.get(postId);
        return { postId, title: p?.title ?? postId, status: 'failed' as const, message: errorMessage(e), deliveries: [] };
      } finally {
        this.runs.delete(postId);
        this.d.events.deliveryChanged([postId]);
      }
    })().catch((e: unknown) => {
      // The bookkeeping above failed too (a closed database, a listener that threw): `done` still never
      // rejects, since callers such as Export now and Send again do not wait for it.
      this.log(`delivery of post ${postId} stopped`, e);
      return { postId, title: postId, status: 'failed' as const, message: errorMessage(e), deliveries: [] };
    });
    this.runs.set(postId, run);
    this.d.events.deliveryChanged([postId]);
    return run;
  }

  private actorFor(post: PostRecord): User {
    // The scheduler acts for the post's author (the workflow lets the team start a render).
    return this.posts.user(post.createdBy) ?? this.posts.requireUser('owner');
  }

  private failNow(post: PostRecord, reason: string): DueOutcome {
    const current = this.posts.require(post.id);
    if (current.state === 'rendering' || current.state === 'ready') {
      this.d.service.transition({ id: post.id, event: 'fail', actorId: this.actorFor(post).id, comment: reason });
      this.d.events.postsChanged([post.id]);
    }
    return { ...this.outcomeOf(post.id), status: 'failed', message: reason };
  }

  renderDir(post: Pick<PostRecord, 'id' | 'revision'>): string {
    return path.join(this.d.rendersDir, post.id, `r${post.revision}`);
  }

  /** The variant file and cover a channel's delivery sends (one file serves every channel in its name). */
  async filesFor(
    post: Pick<PostRecord, 'id' | 'revision'>,
    channel: ChannelId,
  ): Promise<{ mediaPath: string; coverPath: string; images: string[] | null; documentPages: number | null; captions: DeliveredCaption[] }> {
    const dir = this.renderDir(post);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    // An image post: a folder per plan (`instagram_feed+x/`) of numbered pages; the first page is the cover.
    const folder = names.find((n) => n.endsWith('.images') && path.basename(n, '.images').split('+').includes(channel));
    if (folder) {
      const inside = await fs.readdir(path.join(dir, folder)).catch(() => [] as string[]);
      const pages = inside.filter((n) => n.endsWith('.jpg')).sort();
      const images = pages.map((n) => path.join(dir, folder, n));
      // No pages: the connector reports the missing file (nothing is sent).
      const first = images[0] ?? path.join(dir, folder, 'missing.jpg');
      // A document post (renderImages made the PDF): the channel gets the PDF, its cover the first page.
      const pdf = inside.find((n) => n.endsWith('.pdf'));
      if (pdf) return { mediaPath: path.join(dir, folder, pdf), coverPath: first, images: null, documentPages: pages.length, captions: [] };
      return { mediaPath: first, coverPath: first, images: images.length ? images : [first], documentPages: null, captions: [] };
    }
    const media = names.find((n) => n.endsWith('.mp4') && !n.startsWith('.') && path.basename(n, '.mp4').split('+').includes(channel));
    // A missing file makes the connector report "missing: export again" (nothing is sent).
    const base = media ? path.basename(media, '.mp4') : channel;
    const captions = await this.captionFilesFor(dir, channel);
    return { mediaPath: path.join(dir, `${base}.mp4`), coverPath: path.join(dir, `${base}.jpg`), images: null, documentPages: null, captions };
  }

  /**
   * One export job for every distinct plan (one ffmpeg process, so the draft is decoded and composited once), then
   * a cover from each file. Returns false when stopping. Throws the failure (no variant is kept then).
   */
  private async renderVariants(post: PostRecord, prepared: Prepared, jobIds: string[]): Promise<boolean> {
    const dir = this.renderDir(post);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    if (prepared.images) return this.renderImages(post, prepared.draftId, prepared.images, jobIds);
    const groups = new Map<string, { plan: VariantPlan; channels: ChannelId[] }>();
    for (const t of post.targets) {
      const plan = prepared.plans.get(t.channel)!;
      const g = groups.get(variantKey(plan)) ?? { plan, channels: [] };
      g.channels.push(t.channel);
      groups.set(variantKey(plan), g);
    }
    const started = [...groups.values()].map((g) => ({ ...g, outputPath: path.join(dir, `${g.channels.join('+')}.mp4`) }));
    // Every variant in one job and one ffmpeg process: the draft is decoded and composited once (docs/export.md).
    const sizes = started.map((g) => `${g.plan.width}×${g.plan.height}`).join(', ');
    const title = `Exporting “${post.title}” for ${labels(started.flatMap((g) => g.channels))} (${sizes})`;
    const job = this.d.render.startVariants({
      draftId: prepared.draftId,
      outputs: started.map((g) => ({ variant: g.plan, outputPath: g.outputPath, label: labels(g.channels) })),
      title,
    });
    jobIds.push(job.jobId);
    this.d.events.deliveryChanged([post.id]);
    try {
      await job.done;
    } catch (e) {
      const which = started.length === 1 ? ` for ${labels(started[0]!.channels)}` : '';
      throw new Error(`The export${which} failed: ${errorMessage(e)}`);
    }
    if (this.stopping) return false;
    for (const s of started) {
      const length = Math.min(prepared.durationSec, s.plan.maxDurationSec ?? Infinity);
      // Inside the variant, even when the cover time lies past a channel's duration cap.
      const at = Math.max(0, Math.min(post.coverTime ?? 0, length - 0.1));
      await this.d.render.writeCover(s.outputPath, at, s.outputPath.replace(/\.mp4$/, '.jpg'));
    }
    await this.writeCaptionFiles(dir, post.targets.map((t) => t.channel), prepared.captions);
    return true;
  }

  /**
   * Each channel's caption files (model/caption-sidecar.ts), written with the render from the same draft, so the
   * words match the rendered video even when the draft changes before a retry: `<channel>.captions/` holds the
   * SRT files under the names they get beside the video and `captions.json` lists them (read by filesFor).
   */
  private async writeCaptionFiles(dir: string, channels: readonly ChannelId[], tracks: readonly CaptionTrack[]): Promise<void> {
    for (const channel of channels) {
      const plan = sidecarPlan(channel, tracks);
      if (plan.files.length === 0) continue;
      const out = path.join(dir, `${channel}.captions`);
      await fs.mkdir(out, { recursive: true });
      for (const f of plan.files) await fs.writeFile(path.join(out, f.fileName), sidecarText(tracks.find((t) => t.id === f.trackId)!));
      await fs.writeFile(path.join(out, CAPTIONS_MANIFEST), JSON.stringify(plan.files, null, 2) + '\n');
    }
  }

  /** The caption files written for a channel at render time (none for a post rendered before there were any). */
  private async captionFilesFor(dir: string, channel: ChannelId): Promise<DeliveredCaption[]> {
    const out = path.join(dir, `${channel}.captions`);
    let listed: unknown;
    try {
      listed = JSON.parse(await fs.readFile(path.join(out, CAPTIONS_MANIFEST), 'utf8'));
    } catch {
      return [];
    }
    const files = SidecarList.safeParse(listed);
    // A damaged list sends none rather than guessing; the connector would report a listed file that is missing.
    return files.success ? files.data.map((f) => ({ path: path.join(out, f.fileName), fileName: f.fileName, language: f.language, name: f.name })) : [];
  }

  /** An image post: one export job per distinct plan into `<channels>.images/`, pages as numbered JPEGs. */
  private async renderImages(post: PostRecord, draftId: string, plans: Map<ChannelId, ImagePlan>, jobIds: string[]): Promise<boolean> {
    const dir = this.renderDir(post);
    const groups = new Map<string, { plan: ImagePlan; channels: ChannelId[] }>();
    for (const t of post.targets) {
      const plan = plans.get(t.channel)!;
      const key = `${plan.width}:${plan.maxBytes ?? ''}:${plan.document}`;
      const g = groups.get(key) ?? { plan, channels: [] };
      g.channels.push(t.channel);
      groups.set(key, g);
    }
    const started = [...groups.values()].map((g) => {
      const outputDir = path.join(dir, `${g.channels.join('+')}.images`);
      const title = `Exporting “${post.title}” for ${labels(g.channels)} (${g.plan.width} px wide${g.plan.document ? ', one PDF document' : ''})`;
      const job = this.d.render.startImages({ draftId, plan: g.plan, outputDir, title });
      jobIds.push(job.jobId);
      return { ...g, job };
    });
    this.d.events.deliveryChanged([post.id]);
    const results = await Promise.allSettled(started.map((s) => s.job.done));
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) {
      for (const s of started) this.d.render.cancelJob(s.job.jobId);
      const reason = errorMessage((results[failed] as PromiseRejectedResult).reason);
      throw new Error(`The export for ${labels(started[failed]!.channels)} failed: ${reason}`);
    }
    return !this.stopping;
  }

  private hasSendable(post: PostRecord, now: Date): boolean {
    return post.targets.some(({ channel }) => {
      const row = this.d.ledger.get(deliveryIdFor(post.id, channel, post.revision));
      return !row || row.state === 'pending' || (row.state === 'retry' && (row.nextAttemptAt == null || row.nextAttemptAt <= now.toISOString()));
    });
  }

  private async deliverAll(post: PostRecord, resendFailed: boolean): Promise<void> {
    for (const { channel } of post.targets) {
      if (this.stopping) return;
      await this.deliverChannel(post, channel, { resendFailed });
    }
  }

  /** One channel through the ledger: the ledger decides whether it may be sent (never twice, never blindly). */
  private async deliverChannel(post: PostRecord, channel: ChannelId, opts: { resend?: boolean; resendFailed?: boolean }): Promise<void> {
    const id = deliveryIdFor(post.id, channel, post.revision);
    const s = this.d.connectors();
    const route = routeFor(channel, isSet(s));
    let row = this.d.ledger.get(id);
    if (isHere(row?.state)) return;
    // A delivery that reached no one follows the channel's current route; one that may have arrived stays put.
    if (row && route && row.connector !== route) row = this.d.ledger.reroute(id, route);
    const kind = row?.connector ?? route;
    // A webhook whose secret this machine cannot read is not sent to without it: an admin enters it again.
    const secretProblem = kind === 'webhook' ? webhookSecretProblem(s) : null;
    if (secretProblem) {
      this.problems.set(post.id, `${label(channel)}: ${secretProblem}`);
      return;
    }
    const connector = kind ? this.d.makeConnector(kind, s) : null;
    if (!connector) {
      this.problems.set(post.id, `${label(channel)} goes to the ${kind ?? 'delivery'} connector, which is not set. ${SET_UP_DELIVERY}`);
      return;
    }
    const files = await this.filesFor(post, channel);
    await deliver(this.d.ledger, connector, deliveryFor(post, channel, post.revision, files), { now: this.d.clock(), ...opts });
    this.d.events.deliveryChanged([post.id]);
  }

  /**
   * Moves a rendered post on once its deliveries have settled: every channel has it → exported; none still in
   * flight and one refused → failed with the reasons. Unknown outcomes keep it 'ready' for a person.
   * Returns whether the post changed.
   */
  private settle(postId: string): boolean {
    const post = this.posts.require(postId);
    if (post.state !== 'ready') return false;
    const rows = post.targets.map((t) => ({ channel: t.channel, row: this.d.ledger.get(deliveryIdFor(post.id, t.channel, post.revision)) }));
    const actor = this.actorFor(post);
    if (rows.every((r) => isHere(r.row?.state))) {
      this.d.service.transition({ id: post.id, event: 'deliver_done', actorId: actor.id });
      this.problems.delete(post.id);
      this.d.events.postsChanged([post.id]);
      return true;
    }
    const inFlight = rows.some((r) => !r.row || r.row.state === 'pending' || r.row.state === 'sending' || r.row.state === 'retry');
    const refused = rows.filter((r) => r.row?.state === 'failed');
    if (!inFlight && refused.length) {
      const reason = this.channelFailures(post)!;
      this.d.service.transition({ id: post.id, event: 'fail', actorId: actor.id, comment: reason });
      this.d.events.postsChanged([post.id]);
      return true;
    }
    return false;
  }

  private outcomeOf(postId: string): DueOutcome {
    const post = this.posts.require(postId);
    const deliveries = post.targets.map(({ channel }) => {
      const id = deliveryIdFor(post.id, channel, post.revision);
      const row = this.d.ledger.get(id);
      return { channel, deliveryId: id, state: row?.state ?? 'pending', error: row?.lastError ?? null };
    });
    const base = { postId, title: post.title, deliveries };
    switch (post.state) {
      case 'exported':
        return { ...base, status: 'delivered', message: `Delivered to ${deliveries.map((d) => d.channel).join(', ')}.` };
      case 'failed':
        return { ...base, status: 'failed', message: this.lastFailure(post.id) ?? 'Failed.' };
      default: {
        const unknown = deliveries.filter((d) => d.state === 'unknown').map((d) => d.channel);
        const message = unknown.length
          ? `${labels(unknown)} may have it: check the receiver, then mark it delivered or send it again.`
          : 'Some channels will be retried; the post stays ready until they are delivered.';
        return { ...base, status: 'waiting', message };
      }
    }
  }

  /**
   * Why a failed post failed, unless its channels' rows already say exactly that (a refused delivery): each reason
   * is shown once, where it happened.
   */
  private failureNotShown(post: PostRecord): string | null {
    const reason = this.lastFailure(post.id);
    return reason !== null && reason === this.channelFailures(post) ? null : reason;
  }

  /** The failed channels of the post's current revision and their reasons, as a failed post records them. */
  private channelFailures(post: PostRecord): string | null {
    const failed = post.targets
      .map((t) => ({ channel: t.channel, row: this.d.ledger.get(deliveryIdFor(post.id, t.channel, post.revision)) }))
      .filter((r) => r.row?.state === 'failed');
    return failed.length ? failed.map((r) => `${label(r.channel)}: ${r.row!.lastError ?? 'failed'}`).join(' · ') : null;
  }

  private lastFailure(postId: string): string | null {
    const fail = this.d.audit
      .list(postId)
      .filter((e) => e.action === 'fail')
      .at(-1);
    const reason = fail?.detail.reason;
    return typeof reason === 'string' ? reason : null;
  }

  private requireRow(post: PostRecord, channel: ChannelId, states: readonly string[]): string {
    if (!post.targets.some((t) => t.channel === channel)) throw new AppError('not_found', `“${post.title}” does not go to ${label(channel)}.`);
    const id = deliveryIdFor(post.id, channel, post.revision);
    const row = this.d.ledger.get(id);
    if (!row || !states.includes(row.state)) {
      throw new AppError('conflict', `${label(channel)} ${row ? `is ${row.state}` : 'has not been sent'}: there is nothing to decide. Reload the post.`);
    }
    return id;
  }
}
