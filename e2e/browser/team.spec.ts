import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { defaultTransform } from '../../electron/model/draft';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { addUser, fillComposer, switchTo } from '../queue-kit';
import { callApi, expect, test } from '../serve';
import { dismissToasts } from '../toasts';
import { SHOTS } from '../screenshots';

/**
 * The team side of the Queue room: campaigns, the policy and approval rules editor, per-channel overrides, the
 * cover frame, licence dates, the approval conversation, and the week view. With POSTFRAME_SCREENSHOTS=DIR the
 * tests also save the README's pictures there.
 */
const ZONE = 'Europe/Helsinki';
test.use({ timezoneId: ZONE });

async function shot(target: Page | Locator, name: string): Promise<void> {
  if (!SHOTS) return;
  // Toasts from earlier steps would cover the picture.
  await dismissToasts('page' in target ? target.page() : target);
  await target.screenshot({ path: path.join(SHOTS, name) });
}

/** Today's date in `zone`, shifted by `days`. */
function localDate(days = 0, zone = ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The UTC instant of a wall time in ZONE (the zone has no change at these hours of the day). */
function utcOf(date: string, time: string): string {
  for (const offset of [2, 3]) {
    const utc = new Date(Date.parse(`${date}T${time}:00Z`) - offset * 3_600_000).toISOString();
    if (wallTime(utc, ZONE).time === time && wallTime(utc, ZONE).date === date) return utc;
  }
  throw new Error(`no ${date} ${time} in ${ZONE}`);
}

function wallTime(utc: string, zone: string): { date: string; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(utc))
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

type Rec = { id: string; doc: { kind: string; tracks: { kind: string; clips: unknown[] }[] }; revision: number };
type Post = { id: string; scheduledAt: string | null; timeZone: string; state: string; coverTime: number | null; targets: { channel: string; overrides: Record<string, unknown> }[] };

/** Imports red-clip.mp4 and makes a draft with it on the main track; returns the asset's and the draft's ids. */
async function clipDraft(app: Page, name: string): Promise<{ assetId: string; draftId: string }> {
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4')]);
  await waitStep('red-clip.mp4 imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  const assets = await callApi<{ items: { id: string; durationSec: number }[] }>(app, 'assets.list', {});
  const asset = assets.items[0]!;
  const d = await callApi<Rec>(app, 'drafts.create', { kind: 'video', name });
  const clip = { id: 'c1', type: 'media', assetId: asset.id, start: 0, in: 0, out: asset.durationSec, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null };
  const doc = { ...d.doc, tracks: d.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  await callApi(app, 'drafts.save', { id: d.id, baseRevision: d.revision, doc });
  return { assetId: asset.id, draftId: d.id };
}


test('campaigns: create and edit, the list grouped by campaign, calendar colours and dates, a campaign-only .ics', async ({ app }) => {
  test.setTimeout(testLimit());
  const draft = await callApi<Rec>(app, 'drafts.create', { kind: 'video', name: 'Teaser' });
  await app.getByTestId('queue-nav').click();

  // Create a campaign from today-2 to today+10 with a goal, then rename it.
  await app.getByTestId('new-campaign').click();
  const dialog = app.getByTestId('campaign-dialog');
  await dialog.getByTestId('campaign-name').fill('Spring sale');
  await dialog.getByTestId('campaign-swatch').nth(2).click();
  await dialog.getByTestId('campaign-start').fill(localDate(-2));
  await dialog.getByTestId('campaign-end').fill(localDate(-5));
  await expect(dialog.getByRole('alert')).toContainText('ends before it starts');
  await expect(dialog.getByTestId('campaign-save')).toBeDisabled();
  await dialog.getByTestId('campaign-end').fill(localDate(10));
  await dialog.getByTestId('campaign-goal').fill('500 newsletter sign-ups');
  await dialog.getByTestId('campaign-save').click();
  await expect(dialog).toHaveCount(0);

  // Two posts at noon today: one in the campaign (picked in the composer), one without.
  for (const [title, campaign] of [['In campaign', 'Spring sale'], ['Loose post', null]] as const) {
    await app.getByTestId('new-post').click();
    const composer = await fillComposer(app, { draft: 'Teaser', title, date: localDate(), time: '12:00', campaign: campaign ?? undefined });
    await composer.getByTestId('composer-save').click();
    await expect(composer).toHaveCount(0);
  }
  expect(draft.id).toBeTruthy();

  await app.getByTestId('group-by').selectOption('campaign');
  const group = app.locator('[data-testid="campaign-group"][data-campaign="Spring sale"]');
  await expect(group.getByTestId('post-row')).toHaveCount(1);
  await expect(group.getByTestId('post-row')).toHaveAttribute('data-title', 'In campaign');
  await expect(group.getByTestId('campaign-goal-text')).toHaveText('Goal: 500 newsletter sign-ups');
  await expect(group.getByTestId('campaign-range')).toContainText('–');
  await shot(app, 'campaigns.png');
  await expect(app.locator('[data-testid="campaign-group"][data-campaign=""]').getByTestId('post-row')).toHaveAttribute('data-title', 'Loose post');

  // Edit: a new name and colour show everywhere.
  await group.getByTestId('campaign-edit').click();
  await dialog.getByTestId('campaign-name').fill('Spring launch');
  await dialog.getByTestId('campaign-swatch').nth(4).click();
  await dialog.getByTestId('campaign-save').click();
  const renamed = app.locator('[data-testid="campaign-group"][data-campaign="Spring launch"]');
  await expect(renamed.getByTestId('post-row')).toHaveCount(1);
  const color = await dialogColor(app);

  // Month view: the post wears the campaign colour; the campaign's dates show as a band, not on days outside them.
  await app.getByTestId('queue-view-month').click();
  const today = app.locator(`[data-testid="calendar-day"][data-date="${localDate()}"]`);
  const inCampaign = today.locator('[data-testid="calendar-post"]', { hasText: 'In campaign' });
  await expect(inCampaign).toHaveCSS('border-left-color', color);
  await expect(today.getByTestId('campaign-bands')).toHaveAttribute('data-campaigns', 'Spring launch');
  const outside = app.locator(`[data-testid="calendar-day"][data-date="${localDate(-3)}"]`);
  if ((await outside.count()) > 0) await expect(outside.getByTestId('campaign-bands')).toHaveCount(0);

  // The week: more posts around noon today sit side by side in their hour rows, in their campaign's colour.
  const [spring] = await callApi<{ id: string }[]>(app, 'campaigns.list', {});
  for (const [title, time, campaignId] of [['Morning teaser', '09:00', spring!.id], ['Behind the scenes', '12:30', null], ['Evening recap', '18:15', spring!.id]] as const) {
    const p = await callApi<Post>(app, 'posts.create', { draftId: draft.id, title, timeZone: ZONE, campaignId });
    await callApi(app, 'posts.update', { id: p.id, scheduledAt: utcOf(localDate(), time) });
  }
  await app.getByTestId('queue-view-week').click();
  await app.getByTestId('post-panel').getByRole('button', { name: 'Close' }).click();
  const todayColumn = app.locator(`[data-testid="week-day"][data-date="${localDate()}"]`);
  await expect(todayColumn.getByTestId('calendar-post')).toHaveCount(5);
  await expect(todayColumn.locator('[data-testid="calendar-post"][data-time="18:15"]')).toHaveCSS('border-left-color', color);
  await expect(app.getByTestId('week-view').locator('.week__dayhead').filter({ has: app.getByTestId('campaign-bands') })).not.toHaveCount(0);
  await shot(app, 'week.png');
  await app.getByTestId('queue-view-month').click();

  // Filtered to the campaign: only its post, its dates in the bar, and a calendar file of its own.
  await app.getByTestId('campaign-filter').selectOption({ label: 'Spring launch' });
  await expect(app.getByTestId('campaign-filter-range')).toContainText('–');
  await expect(app.getByTestId('calendar-post')).toHaveCount(3);
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('ics-download').click()]);
  expect(download.suggestedFilename()).toBe('postframe-spring-launch.ics');
  const ics = fs.readFileSync((await download.path()), 'utf8');
  expect(ics).toContain('X-WR-CALNAME:Postframe: Spring launch');
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  expect(ics).toContain('SUMMARY:In campaign');
  expect(ics).not.toContain('SUMMARY:Loose post');
});

/** The colour of the campaign as stored, in the rgb() form computed styles use. */
async function dialogColor(app: Page): Promise<string> {
  const [c] = await callApi<{ color: string }[]>(app, 'campaigns.list', {});
  const n = parseInt(c!.color.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('the policy editor: an admin changes the rules (the composer applies them), a creator only reads them', async ({ app, server }) => {
  test.setTimeout(testLimit());
  await callApi(app, 'drafts.create', { kind: 'video', name: 'Teaser' });
  await app.getByTestId('queue-nav').click();
  await addUser(app, server, 'Abe', 'approver');
  await addUser(app, server, 'Cora', 'creator');
  // They joined through invites outside this page: it opens afresh to list them.
  await switchTo(app, server, 'Owner', 'admin');

  await app.getByTestId('queue-view-policy').click();
  const view = app.getByTestId('policy-view');
  await expect(view).toHaveAttribute('data-editable', 'true');
  await expect(view.getByTestId('policy-save')).toBeDisabled();
  await view.getByTestId('policy-banned').fill('guaranteed results\nmiracle');
  await view.getByTestId('policy-cap-on').check();
  await view.getByTestId('policy-cap').fill('2');
  await view.getByTestId('policy-domains').fill('not a domain');
  await expect(view.getByRole('alert').filter({ hasText: 'A domain looks like example.com' })).toBeVisible();
  await expect(view.getByTestId('policy-save')).toBeDisabled();
  await view.getByTestId('policy-domains').fill('example.com');
  // X needs both Abe and the Owner.
  const x = view.locator('[data-testid="rule-row"][data-channel="x"]');
  await x.getByTestId('rule-kind').selectOption('custom');
  await x.getByTestId('rule-mode').selectOption('all');
  await expect(x.getByTestId('rule-error')).toContainText('names its approvers');
  await x.locator('[data-testid="rule-person"][data-user="Abe"]').check();
  await x.locator('[data-testid="rule-person"][data-user="Owner"]').check();
  await expect(x.getByTestId('rule-error')).toHaveCount(0);
  await shot(app, 'policy.png');
  await view.getByTestId('policy-save').click();
  // Saved: nothing left to revert (what lasts; the "Rules saved" toast goes after a few seconds).
  await expect(view.getByTestId('policy-revert')).toHaveCount(0);
  await expect(view.getByTestId('policy-save')).toBeDisabled();
  const stored = await callApi<{ policy: { bannedPhrases: string[]; hashtagCap: number | null; allowedLinkDomains: string[] }; approvals: unknown[] }>(app, 'policy.get', {});
  expect(stored.policy).toMatchObject({ bannedPhrases: ['guaranteed results', 'miracle'], hashtagCap: 2, allowedLinkDomains: ['example.com'] });
  expect(stored.approvals).toEqual([{ channel: 'x', approvers: 2, mode: 'all', approverIds: expect.arrayContaining(['owner']) as unknown }]);

  // Cora sees the same rules, read-only.
  await switchTo(app, server, 'Cora', 'creator');
  await app.getByTestId('queue-view-policy').click();
  await expect(view).toHaveAttribute('data-editable', 'false');
  await expect(view.getByTestId('policy-readonly')).toContainText('only an admin can change');
  await expect(view.getByTestId('policy-banned')).toBeDisabled();
  await expect(view.getByTestId('policy-banned')).toHaveValue('guaranteed results\nmiracle');
  await expect(view.getByTestId('policy-save')).toHaveCount(0);

  // The composer checks against the new rules.
  await app.getByTestId('new-post').click();
  const composer = app.getByTestId('composer');
  await composer.getByTestId('composer-caption').fill('A miracle cream');
  await composer.getByTestId('composer-hashtags').fill('#a #b #c');
  await composer.getByTestId('composer-link').fill('https://elsewhere.io/x');
  await expect(composer.getByTestId('policy-check')).toHaveAttribute('data-violations', '3');
  await expect(composer.getByTestId('caption-highlight').locator('mark')).toHaveText('miracle');
});

test('composer: per-channel overrides checked per channel, a cover frame, and a licence that blocks at the asset’s name', async ({ app }) => {
  // One import; the cover strip decodes frames of the 2 s clip.
  test.setTimeout(testLimit({ files: 1, mediaSec: 2 }));
  const { assetId, draftId } = await clipDraft(app, 'Stock reel');

  // The licence ended yesterday: set in the library's detail panel.
  await app.locator('[data-testid="asset-cell"]').first().dblclick();
  const detail = app.getByTestId('detail-panel');
  await expect(detail.getByTestId('licence')).toHaveAttribute('data-state', 'none');
  await detail.getByTestId('licence-date').fill(localDate(-1, 'UTC'));
  await expect(detail.getByTestId('licence')).toHaveAttribute('data-state', 'expired');
  await expect(detail.getByTestId('licence-state')).toContainText('Posts using this asset are blocked');
  await detail.getByTestId('licence-note').fill('Stock site, order 881');
  await detail.getByTestId('licence-note').press('Enter');
  await expect.poll(async () => (await callApi<{ licenceNote: string }>(app, 'assets.get', { id: assetId })).licenceNote).toBe('Stock site, order 881');
  await shot(app, 'licence.png');

  await app.getByTestId('queue-nav').click();
  await app.getByTestId('new-post').click();
  const composer = await fillComposer(app, { draft: 'Stock reel', title: 'Overrides', caption: 'A long caption that works on TikTok and Instagram.', hashtags: '#spring' });
  await composer.getByTestId('composer-channel-x').check();
  await composer.getByTestId('composer-channel-instagram_reel').check();
  const item = composer.locator('[data-testid="licence-item"][data-asset="red-clip.mp4"]');
  await expect(item).toHaveAttribute('data-blocks', 'true');
  await expect(item).toContainText('red-clip.mp4 licence ended on');

  // X gets its own caption with more than 280 characters: only X's check fails.
  await composer.getByTestId('composer-tab-x').click();
  await expect(composer.getByTestId('override-panel')).toHaveAttribute('data-channel', 'x');
  await composer.getByTestId('override-toggle-caption').check();
  await expect(composer.getByTestId('override-caption')).toHaveValue('A long caption that works on TikTok and Instagram.');
  await composer.getByTestId('override-caption').fill('x'.repeat(300));
  await composer.getByTestId('override-toggle-hashtags').check();
  await composer.getByTestId('override-hashtags').fill('#news');
  await expect(composer.locator('[data-testid="channel-check"][data-channel="x"]')).not.toHaveAttribute('data-errors', '0');
  await expect(composer.locator('[data-testid="channel-check"][data-channel="tiktok"]')).toHaveAttribute('data-errors', '0');
  await composer.getByTestId('override-caption').fill('Short for X');
  await expect(composer.locator('[data-testid="channel-check"][data-channel="x"]')).toHaveAttribute('data-errors', '0');
  await expect(composer.getByTestId('composer-tab-x')).toHaveAttribute('data-overridden', 'true');
  await composer.getByTestId('composer-tab-x').scrollIntoViewIfNeeded();
  await shot(app, 'composer.png');

  // The cover: the third frame of the strip.
  const third = composer.getByTestId('cover-thumb').nth(2);
  const at = Number(await third.getAttribute('data-time'));
  await third.click();
  await expect(composer.getByTestId('cover-picker')).toHaveAttribute('data-time', at.toFixed(2));
  await expect.poll(() => composer.getByTestId('cover-frame').evaluate((v: HTMLVideoElement, want) => v.readyState >= 2 && Math.abs(v.currentTime - want) < 0.2, at)).toBe(true);
  await composer.getByTestId('composer-save').click();
  await expect(composer).toHaveCount(0);

  const [saved] = await callApi<Post[]>(app, 'posts.list', {});
  expect(saved!.coverTime).toBeCloseTo(at, 2);
  expect(saved!.targets.find((tg) => tg.channel === 'x')!.overrides).toEqual({ caption: 'Short for X', hashtags: ['news'] });
  expect(saved!.targets.find((tg) => tg.channel === 'tiktok')!.overrides).toEqual({});

  // Submitting is refused by the engine for the expired licence; after renewing it, it goes through.
  const panel = app.getByTestId('post-panel');
  await panel.getByTestId('post-action-submit').click();
  // The refusal is reported only by this (error, 8 s) toast: nothing lasting to check instead.
  await expect(app.getByTestId('toast').filter({ hasText: 'licence for “red-clip.mp4” expired' })).toBeVisible();
  await callApi(app, 'assets.update', { id: assetId, licenceExpires: localDate(365, 'UTC') });
  await panel.getByTestId('post-action-submit').click();
  await expect(app.locator('[data-testid="post-row"][data-title="Overrides"]')).toHaveAttribute('data-state', 'in_review');
  expect(draftId).toBeTruthy();
});

test('approval conversation and the week view: drag keeps the post’s own time zone', async ({ app, server }) => {
  // One import, and half again the UI steps of a usual test (three people take turns in the thread).
  test.setTimeout(testLimit({ files: 1, baseMs: 60_000 }));
  await clipDraft(app, 'Launch teaser');
  await app.getByTestId('queue-nav').click();
  await addUser(app, server, 'Cora', 'creator');
  await addUser(app, server, 'Abe', 'approver');

  // Cora writes and submits a post for noon today.
  await switchTo(app, server, 'Cora', 'creator');
  await app.getByTestId('new-post').click();
  const composer = await fillComposer(app, { draft: 'Launch teaser', title: 'Spring launch', caption: 'Spring is here. New colours in store now.', hashtags: '#spring #launch', date: localDate(), time: '12:00' });
  await composer.getByTestId('composer-save').click();
  const panel = app.getByTestId('post-panel');
  await panel.getByTestId('post-action-submit').click();
  const row = app.locator('[data-testid="post-row"][data-title="Spring launch"]');
  await expect(row).toHaveAttribute('data-state', 'in_review');

  // Abe finds it in review and asks for a change; Cora answers in the thread and resubmits; Abe approves.
  await switchTo(app, server, 'Abe', 'approver');
  await expect(app.locator('[data-testid="queue-group"][data-group="in_review"]')).toContainText('Spring launch');
  await row.click();
  await expect(panel.getByTestId('post-action-approve')).toBeVisible();
  await shot(app, 'approval-review.png');
  await panel.getByTestId('post-action-request_changes').click();
  await panel.getByTestId('changes-reason').fill('Name the store: “in store” is vague.');
  await panel.getByTestId('changes-send').click();
  await expect(row).toHaveAttribute('data-state', 'changes_requested');
  await switchTo(app, server, 'Cora', 'creator');
  await row.click();
  await panel.getByTestId('comment-input').fill('Good point — changed it to “at Kamppi”.');
  await panel.getByTestId('comment-send').click();
  await expect(panel.getByTestId('comment')).toHaveCount(2);
  await panel.getByTestId('post-action-submit').click();
  await expect(row).toHaveAttribute('data-state', 'in_review');
  await switchTo(app, server, 'Abe', 'approver');
  await row.click();
  await panel.getByTestId('comment-input').fill('Looks good, approving.');
  await panel.getByTestId('comment-send').click();
  await panel.getByTestId('post-action-approve').click();
  await expect(row).toHaveAttribute('data-state', 'approved');
  await expect(panel.getByTestId('comment')).toHaveText([/Name the store/, /Good point/, /Looks good/]);
  await shot(app, 'approval-comments.png');

  // A second post planned in New York time, at 09:00 New York today: the owner's.
  await switchTo(app, server, 'Owner', 'admin');
  const draft = (await callApi<{ id: string; name: string }[]>(app, 'drafts.list', {}))[0]!;
  const nyPost = await callApi<Post>(app, 'posts.create', { draftId: draft.id, title: 'New York morning', timeZone: 'America/New_York' });
  // 09:00 in New York is 13:00 or 14:00 UTC, depending on daylight saving time.
  const nyDate = localDate(0, 'America/New_York');
  const utc = [13, 14].map((h) => `${nyDate}T${h}:00:00.000Z`).find((u) => wallTime(u, 'America/New_York').time === '09:00')!;
  await callApi(app, 'posts.update', { id: nyPost.id, scheduledAt: utc });
  const ny = { utc };

  await app.getByTestId('queue-view-week').click();
  const week = app.getByTestId('week-view');
  const seen = wallTime(ny.utc, ZONE);
  const source = week.locator(`[data-testid="week-day"][data-date="${seen.date}"] [data-testid="calendar-post"]`, { hasText: 'New York morning' });
  await expect(source).toHaveAttribute('data-time', seen.time);
  // One day along (back one when it is the week's last day), same row: still 09:00 in New York.
  const days = await week.getByTestId('week-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')!));
  const idx = days.indexOf(seen.date);
  const target = days[idx === 6 ? 5 : idx + 1]!;
  const hour = Number(seen.time.slice(0, 2));
  await source.dragTo(week.locator(`[data-testid="week-day"][data-date="${target}"] [data-testid="week-slot"][data-hour="${hour}"]`), { targetPosition: { x: 20, y: 2 } });
  const moved = week.locator(`[data-testid="week-day"][data-date="${target}"] [data-testid="calendar-post"]`, { hasText: 'New York morning' });
  await expect(moved).toBeVisible();
  let after = await callApi<Post>(app, 'posts.get', { id: nyPost.id });
  expect(after.timeZone).toBe('America/New_York');
  expect(wallTime(after.scheduledAt!, 'America/New_York').time).toBe('09:00');
  expect(wallTime(after.scheduledAt!, ZONE).date).toBe(target);

  // Up the column to the half hour of an earlier row: the move is that many minutes on New York's clock.
  // (Up, not down: the "moved in its own zone" toast from the first drag sits over the bottom rows.)
  const targetHour = hour - 3;
  await moved.dragTo(week.locator(`[data-testid="week-day"][data-date="${target}"] [data-testid="week-slot"][data-hour="${targetHour}"]`), { targetPosition: { x: 20, y: 26 } });
  await expect(week.locator(`[data-testid="calendar-post"][data-time="${String(targetHour).padStart(2, '0')}:30"]`, { hasText: 'New York morning' })).toBeVisible();
  after = await callApi<Post>(app, 'posts.get', { id: nyPost.id });
  expect([after.timeZone, wallTime(after.scheduledAt!, 'America/New_York').time]).toEqual(['America/New_York', '06:30']);
});
