import type { Migration } from './types';

/**
 * Posts and the people and rules around them (issue 4). The Post fields that nothing queries by (content,
 * targets, cover time, sponsored flag) live in `doc` as JSON so adding one later needs no table rebuild;
 * the ones the queue and the calendar filter and sort by are columns with indexes.
 *
 * `revision` counts edits of the post: a delivery id is `${postId}:${channel}:${revision}`, so an edited
 * post is a new delivery while a re-run of the same revision is recognised as the same one.
 * `draft_id` may be NULL: posts imported from a bulk CSV are text-first and get their media later
 * (docs/architecture.md "Posts").
 *
 * The library starts with one admin, "Owner", so a fresh library can approve, override and edit the policy.
 */
export const m0007: Migration = {
  version: 7,
  name: 'posts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('creator', 'approver', 'admin'))
      );
      INSERT INTO users (id, name, role) VALUES ('owner', 'Owner', 'admin');

      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        goal TEXT NOT NULL DEFAULT ''
      );

      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        draft_id TEXT,
        title TEXT NOT NULL,
        doc TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'rendering', 'ready', 'exported', 'failed')),
        scheduled_at TEXT,
        time_zone TEXT NOT NULL,
        campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- The queue: posts in a state, by time. The calendar: posts in a time range.
      CREATE INDEX posts_queue ON posts (state, scheduled_at);
      CREATE INDEX posts_calendar ON posts (scheduled_at);
      CREATE INDEX posts_campaign ON posts (campaign_id, scheduled_at);

      -- Approvals collected since the last submit (a new submit clears them).
      CREATE TABLE post_approvals (
        post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        approver_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (post_id, approver_id)
      );

      CREATE TABLE post_comments (
        id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        body TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX post_comments_by_post ON post_comments (post_id, at);

      -- Library-wide settings (the compliance policy, approval rules, connector configuration) as JSON.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
