import { AppError } from './errors';
import { DRAFT_SCHEMA_VERSION, Draft } from './draft';

/**
 * Older draft versions, each upgraded one step at a time: `steps[n]` turns a version-n document into n+1.
 * Append a step whenever DRAFT_SCHEMA_VERSION goes up; never edit a shipped step.
 */
const steps: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/** Reads any stored or imported draft JSON into the current schema, or says why it cannot. */
export function migrateDraft(raw: unknown): Draft {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('invalid_input', 'This is not a Postframe draft (expected a JSON object).');
  }
  let doc = raw as Record<string, unknown>;
  let version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('invalid_input', 'This draft has no valid "schemaVersion". See docs/draft-format.md for the format.');
  }
  if (version > DRAFT_SCHEMA_VERSION) {
    throw new AppError('invalid_input', `This draft was saved by a newer Postframe (draft version ${version}; this one reads up to ${DRAFT_SCHEMA_VERSION}). Update Postframe to open it.`);
  }
  while (version < DRAFT_SCHEMA_VERSION) {
    const step = steps[version];
    if (!step) throw new Error(`No migration from draft version ${version}`);
    doc = { ...step(doc), schemaVersion: version + 1 };
    version += 1;
  }
  const parsed = Draft.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('invalid_input', `The draft is not valid at ${issue.path.join('.') || 'its top level'}: ${issue.message}.`);
  }
  return parsed.data;
}
