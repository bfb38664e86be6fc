import { describe, expect, it } from 'vitest';
import { jobTitleFor } from './job-title';
import { importTitle } from './import';
import { beatsJobTitle } from './beats-job';
import { reverseJobTitle } from './reverse';
import { modelDownloadTitle } from './whisper-models';

describe('jobTitleFor (walk #72: a finished job is named in the past)', () => {
  const variant = 'Exporting “Red teaser” for TikTok + LinkedIn (360×640)';

  it('keeps the title while the job waits or runs', () => {
    expect(jobTitleFor(variant, 'queued')).toBe(variant);
    expect(jobTitleFor(variant, 'running')).toBe(variant);
  });

  it('says what was done once done', () => {
    expect(jobTitleFor(variant, 'done')).toBe('Exported “Red teaser” for TikTok + LinkedIn (360×640)');
    expect(jobTitleFor('Exporting Red teaser', 'done')).toBe('Exported Red teaser');
    expect(jobTitleFor(importTitle({ paths: ['/a/clip.mp4'], uploads: [] }), 'done')).toBe('Imported clip.mp4');
    expect(jobTitleFor(importTitle({ paths: ['/a', '/b'], uploads: [] }), 'done')).toBe('Imported 2 items');
    expect(jobTitleFor('Importing the brand kit Acme', 'done')).toBe('Imported the brand kit Acme');
    expect(jobTitleFor(beatsJobTitle('song.mp3'), 'done')).toBe('Found beats in song.mp3');
    expect(jobTitleFor(reverseJobTitle('clip.mp4'), 'done')).toBe('Reversed clip.mp4');
    expect(jobTitleFor(modelDownloadTitle('base'), 'done')).toBe('Downloaded the speech model (base)');
    expect(jobTitleFor('Auto-captions: recognising speech', 'done')).toBe('Auto-captions: speech recognised');
    expect(jobTitleFor('Backing up Studio', 'done')).toBe('Backed up Studio');
    expect(jobTitleFor('Making 2 preview proxies', 'done')).toBe('Made 2 preview proxies');
  });

  it('names a failed or cancelled job by what it was, and how it ended', () => {
    expect(jobTitleFor(variant, 'failed')).toBe('Export failed: “Red teaser” for TikTok + LinkedIn (360×640)');
    expect(jobTitleFor('Exporting Red teaser', 'cancelled')).toBe('Export cancelled: Red teaser');
    expect(jobTitleFor(importTitle({ paths: ['/a', '/b', '/c'], uploads: [] }), 'failed')).toBe('Import failed: 3 items');
    expect(jobTitleFor('Syncing captions to the script', 'cancelled')).toBe('Caption sync cancelled');
    expect(jobTitleFor('Making a preview proxy', 'failed')).toBe('Preview proxy failed');
  });

  it('leaves a title it does not know as it was, with how it ended in front when that was not done', () => {
    expect(jobTitleFor('Something new', 'done')).toBe('Something new');
    expect(jobTitleFor('Something new', 'failed')).toBe('Failed: Something new');
    expect(jobTitleFor('Something new', 'cancelled')).toBe('Cancelled: Something new');
  });
});
