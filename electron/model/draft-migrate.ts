import { AppError } from './errors';
import { DRAFT_SCHEMA_VERSION, Draft } from './draft';

/**
 * Older draft versions, each upgraded one step at a time: `steps[n]` turns a version-n document into n+1.
 * Append a step whenever DRAFT_SCHEMA_VERSION goes up; never edit a shipped step.
 */
const steps: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: imageV1ToV2,
  2: captionsV2ToV3,
  3: rotationV3ToV4,
  4: lookV4ToV5,
  5: timeV5ToV6,
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/**
 * Version 1 image drafts (reserved, never edited by a UI) had a video canvas and one list of layers: they become
 * one page on that canvas's colour, media layers keep their place (a reframe `fill` at scale 1 filled the
 * canvas, so the box is the canvas times the scale) and crop, text layers keep theirs. Video drafts are unchanged.
 */
function imageV1ToV2(doc: Obj): Obj {
  if (doc.kind !== 'image') return doc;
  const canvas = obj(doc.canvas);
  const preset = ['4:5', '1:1', '9:16'].includes(canvas.preset as string) ? canvas.preset : 'custom';
  const layers = (Array.isArray(doc.layers) ? doc.layers : []).map((raw) => {
    const l = obj(raw);
    if (l.type !== 'media') return { ...l, start: undefined, duration: undefined, fadeIn: undefined, fadeOut: undefined };
    const t = obj(l.transform);
    const scale = typeof t.scale === 'number' ? t.scale : 1;
    return {
      id: l.id, type: 'media', assetId: l.assetId, brand: l.brand ?? null,
      opacity: typeof t.opacity === 'number' ? t.opacity : 1,
      box: { x: t.x ?? 0.5, y: t.y ?? 0.5, w: scale, h: scale, rotation: 0 },
      edit: { crop: t.crop ?? { left: 0, top: 0, right: 0, bottom: 0 } },
    };
  });
  const { layers: _old, ...rest } = doc;
  return {
    ...rest,
    canvas: { preset, width: canvas.width, height: canvas.height },
    pages: [{ id: 'page-1', background: { type: 'colour', color: typeof canvas.background === 'string' ? canvas.background : '#000000' }, layers }],
    spread: null,
  };
}

/**
 * Version 3 added caption tracks to video drafts (`captions`, optional): a version-2 document has none. A
 * `captions` key another tool put there meant nothing in version 2, so it is left out rather than read as
 * captions. Image drafts are unchanged.
 */
function captionsV2ToV3(doc: Obj): Obj {
  if (doc.kind !== 'video' || !('captions' in doc)) return doc;
  const { captions: _ignored, ...rest } = doc;
  return rest;
}

/**
 * Version 4 added a rotation to media clips' transforms and to text clips, and keyframes to both: a version-3
 * clip is unturned (rotation 0) and still. A `keyframes` or `rotation` key another tool put on a version-3 clip
 * meant nothing then, so it is replaced rather than read as an animation. Image drafts are unchanged (their
 * layers had a rotation already).
 */
function rotationV3ToV4(doc: Obj): Obj {
  return mapVideoClips(doc, (c, raw) => {
    if (c.type !== 'media' && c.type !== 'text') return raw;
    const { keyframes: _ignored, ...rest } = c;
    if (c.type === 'text') return { ...rest, rotation: 0 };
    return { ...rest, transform: { ...obj(c.transform), rotation: 0 } };
  });
}

/**
 * Version 5 added a look (colour adjustments and a LUT) to media clips: a version-4 clip has none. A `look` key
 * another tool put on a version-4 clip meant nothing then, so it is dropped rather than read as a grade.
 */
function lookV4ToV5(doc: Obj): Obj {
  return mapVideoClips(doc, (c, raw) => {
    if (c.type !== 'media' || !('look' in c)) return raw;
    const { look: _ignored, ...rest } = c;
    return rest;
  });
}

/**
 * Version 6 added speed ramps, reverse and a chroma key to media clips: a version-5 clip has none. Such keys
 * another tool put on a version-5 clip meant nothing then, so they are dropped rather than read.
 */
function timeV5ToV6(doc: Obj): Obj {
  return mapVideoClips(doc, (c, raw) => {
    if (c.type !== 'media' || !('speedRamp' in c || 'reversed' in c || 'chromaKey' in c)) return raw;
    const { speedRamp: _r, reversed: _v, chromaKey: _k, ...rest } = c;
    return rest;
  });
}

/** A video draft with `change` applied to every clip of every track (the raw value and it read as an object). */
function mapVideoClips(doc: Obj, change: (clip: Obj, raw: unknown) => unknown): Obj {
  if (doc.kind !== 'video' || !Array.isArray(doc.tracks)) return doc;
  const tracks = (doc.tracks as unknown[]).map((rawTrack): unknown => {
    const track = obj(rawTrack);
    if (!Array.isArray(track.clips)) return rawTrack;
    return { ...track, clips: (track.clips as unknown[]).map((rawClip) => change(obj(rawClip), rawClip)) };
  });
  return { ...doc, tracks };
}

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
