import path from 'node:path';
import type { Job, JobResult, JobKind, JobStatus } from '../model/job';
import type { Db } from './db';

type Row = {
  id: string;
  kind: JobKind;
  status: JobStatus;
  title: string;
  input: string;
  progress: number | null;
  detail: string | null;
  error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  first_progress_at: string | null;
  first_progress: number | null;
};

function toJob(r: Row): Job {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    title: r.title,
    progress: r.progress,
    detail: r.detail,
    error: r.error,
    result: r.result ? (JSON.parse(r.result) as JobResult) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    firstProgressAt: r.first_progress_at,
    firstProgress: r.first_progress,
  };
}

export type JobPatch = Partial<Pick<Job, 'status' | 'progress' | 'detail' | 'error' | 'result'>>;

export class JobsRepo {
  constructor(private readonly db: Db) {}

  create(job: { id: string; kind: JobKind; title: string; input: unknown }): Job {
    const now = new Date().toISOString();
    this.db
      .prepare(`INSERT INTO jobs (id, kind, status, title, input, progress, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, 0, ?, ?)`)
      .run(job.id, job.kind, job.title, JSON.stringify(job.input), now, now);
    return this.get(job.id)!;
  }

  get(id: string): Job | null {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : null;
  }

  input(id: string): unknown {
    const s = this.db.prepare('SELECT input FROM jobs WHERE id = ?').pluck().get(id) as string | undefined;
    return s === undefined ? undefined : JSON.parse(s);
  }

  update(id: string, patch: JobPatch): Job {
    const cur = this.get(id);
    if (!cur) throw new Error(`No job ${id}`);
    const next = { ...cur, ...patch };
    const now = new Date().toISOString();
    // Stamped the first time the job turns running: the time it waited in the queue is not part of its pace.
    const startedAt = cur.startedAt ?? (next.status === 'running' ? now : null);
    // Stamped once, at the first report above 0 while running: the time left is paced from here (walk #80).
    const first = cur.firstProgressAt === null && next.status === 'running' && next.progress !== null && next.progress > 0;
    const firstProgressAt = first ? now : cur.firstProgressAt;
    const firstProgress = first ? next.progress : cur.firstProgress;
    this.db
      .prepare(
        'UPDATE jobs SET status = ?, progress = ?, detail = ?, error = ?, result = ?, updated_at = ?, started_at = ?, first_progress_at = ?, first_progress = ? WHERE id = ?',
      )
      .run(next.status, next.progress, next.detail, next.error, next.result ? JSON.stringify(next.result) : null, now, startedAt, firstProgressAt, firstProgress, id);
    return this.get(id)!;
  }

  /** Newest first; finished jobs beyond `keep` are not listed. */
  list(keep = 50): Job[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(keep) as Row[]).map(toJob);
  }

  /**
   * Finished exports a person started (not a post's channel variants), newest first; with `draftId`, that
   * draft's only. The export history of the editor and the Jobs drawer.
   */
  finishedExports(opts: { draftId?: string; limit: number; kind?: 'export' | 'image-export' }): Job[] {
    const byDraft = opts.draftId === undefined ? '' : "AND json_extract(result, '$.draftId') = ?";
    // A post's delivery writes into its own folder (outputDir): not a person's export.
    const kind = opts.kind === 'image-export' ? "kind = 'image-export' AND json_extract(input, '$.outputDir') IS NULL" : "kind = 'export'";
    const sql = `SELECT * FROM jobs WHERE ${kind} AND status = 'done' AND json_extract(input, '$.variant') IS NULL
      AND json_extract(input, '$.outputs') IS NULL ${byDraft}
      ORDER BY created_at DESC LIMIT ?`;
    const params = opts.draftId === undefined ? [opts.limit] : [opts.draftId, opts.limit];
    return (this.db.prepare(sql).all(...params) as Row[]).map(toJob);
  }

  /**
   * Finished channel-variant exports written into `dir` (a post's render folder for one revision), newest first:
   * what the approver's review plays when a post was already rendered (docs/review.md). A variant is either one
   * job's `variant` and `outputPath`, or one of the `outputs` of a one-pass export of several.
   */
  variantExportsIn(dir: string): Job[] {
    const prefix = path.join(dir, path.sep);
    const sql = `SELECT * FROM jobs WHERE kind = 'export' AND status = 'done' AND (
        (json_extract(input, '$.variant') IS NOT NULL AND substr(json_extract(input, '$.outputPath'), 1, ?) = ?)
        OR EXISTS (SELECT 1 FROM json_each(input, '$.outputs') o WHERE substr(json_extract(o.value, '$.outputPath'), 1, ?) = ?)
      ) ORDER BY created_at DESC`;
    return (this.db.prepare(sql).all(prefix.length, prefix, prefix.length, prefix) as Row[]).map(toJob);
  }

  withStatus(...statuses: JobStatus[]): Job[] {
    const marks = statuses.map(() => '?').join(', ');
    return (this.db.prepare(`SELECT * FROM jobs WHERE status IN (${marks}) ORDER BY created_at`).all(...statuses) as Row[]).map(toJob);
  }
}
