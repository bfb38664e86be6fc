import type { JobStatus } from './job';

/**
 * A job's title as its list shows it once it has ended. The engine names a job when it starts, in the present
 * ("Exporting “Teaser” for TikTok"), and that name is stored with it; a finished job read "Exporting …" beside "Done"
 * (walk #72). Each row below is one way the engine starts a title (studio/*, model/*JobTitle): its past
 * ("Exported “Teaser” for TikTok") and the noun for a failed or cancelled one ("Export failed: “Teaser” for TikTok").
 * `rest`: whether what follows the verb still reads after the noun (not for "Making a preview proxy").
 */
const FORMS: readonly { verb: RegExp; past: string; noun: string; rest: boolean }[] = [
  { verb: /^Exporting /, past: 'Exported ', noun: 'Export', rest: true },
  { verb: /^Importing the brand kit /, past: 'Imported the brand kit ', noun: 'Brand kit import', rest: true },
  { verb: /^Import(?:ing)? /, past: 'Imported ', noun: 'Import', rest: true },
  { verb: /^Saving /, past: 'Saved ', noun: 'Saving', rest: true },
  { verb: /^Recovering /, past: 'Recovered ', noun: 'Recovery', rest: true },
  { verb: /^Reversing /, past: 'Reversed ', noun: 'Reversing', rest: true },
  { verb: /^Downloading the speech model /, past: 'Downloaded the speech model ', noun: 'Speech model download', rest: true },
  { verb: /^Finding beats in /, past: 'Found beats in ', noun: 'Finding beats', rest: true },
  { verb: /^Finding colours and duplicates in /, past: 'Found colours and duplicates in ', noun: 'Finding colours and duplicates', rest: true },
  { verb: /^Syncing captions to the script$/, past: 'Synced captions to the script', noun: 'Caption sync', rest: false },
  { verb: /^Auto-captions: recognising speech$/, past: 'Auto-captions: speech recognised', noun: 'Auto-captions', rest: false },
  { verb: /^Backing up /, past: 'Backed up ', noun: 'Backup', rest: true },
  { verb: /^Restoring a backup into /, past: 'Restored a backup into ', noun: 'Restore', rest: true },
  { verb: /^Checking /, past: 'Checked ', noun: 'Colour check', rest: false },
  { verb: /^Making /, past: 'Made ', noun: 'Preview proxy', rest: false },
];

/** The title to show for a job in `status`: as stored while it waits or runs; in the past once it has ended. */
export function jobTitleFor(title: string, status: JobStatus): string {
  if (status === 'queued' || status === 'running') return title;
  const form = FORMS.find((f) => f.verb.test(title));
  if (status === 'done') return form ? title.replace(form.verb, form.past) : title;
  const word = status === 'failed' ? 'failed' : 'cancelled';
  if (!form) return `${word === 'failed' ? 'Failed' : 'Cancelled'}: ${title}`;
  const rest = title.replace(form.verb, '');
  return form.rest && rest ? `${form.noun} ${word}: ${rest}` : `${form.noun} ${word}`;
}
