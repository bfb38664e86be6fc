import { z } from 'zod';
import { AuditVerifyView } from '../model/audit';
import { Asset, AssetKind, AssetLicence, AssetSort, AssetSummary, Tag } from '../model/asset';
import { CanvasPreset, Draft, Fps, ImageCanvas, TextClip } from '../model/draft';
import { DraftKind, DraftRecord, DraftRevision, DraftSummary, ExportPreset, TextLayerImage } from '../model/draft-record';
import { ImportRequest } from '../model/import';
import { ColourFilter } from '../model/colour-search';
import { DuplicateList, DuplicateMode, KeepResult } from '../model/duplicates';
import { ExportEntry } from '../model/export';
import { LoudnessTarget } from '../model/loudness';
import { Job } from '../model/job';
import { AppInfo, LibraryInfo, RecentLibrary } from '../model/library';
import { errorCodes } from '../model/errors';
import { FontId, FontRecord } from '../model/font';
import { ImportedLookId, LookRecord } from '../model/imported-look';
import { BulkRowErrorSchema, PostCommentSchema, PostRecordSchema } from '../model/post-record';
import { Campaign, ChannelId, ChannelTarget, PostContent, PostState, Role, User, channelIds } from '../model/post';

const channelIdCount = channelIds.length;
import { ConnectorSettingsInput, ConnectorSettingsView } from '../model/delivery-settings';
import { LatePost, PostDeliveryStatus } from '../model/delivery-status';
import { Policy } from '../model/policy';
import { Collection, CollectionName, ColourLabel, LabelChoice, Rating, WhereUsed } from '../model/organise';
import { SmartCollection, SmartRules } from '../model/smart-rules';
import { RecordingId, RecordingKind, RecordingSummary, VoiceoverTarget } from '../model/recording';
import { ApprovalRule, personEventTypes } from '../model/workflow';
import { PostReview } from '../model/review';
import { BrandKit, BrandKitContent } from '../model/brand-kit';
import { ImageDraft, PhotoEdit } from '../model/image-draft';
import { ImageExportEntry, ImageExportInput } from '../model/image-export-job';
import { TemplateFills, TemplateSummary } from '../model/template-fill';
import { CaptionTrack, LanguageTag } from '../model/caption-track';
import { CaptionPicture } from '../model/caption-frames';
import { CaptionSyncInput } from '../model/caption-sync-job';
import { CaptionTranscribeInput } from '../model/caption-transcribe-job';
import { ModelId, ModelList, ModelStatus } from '../model/whisper-models';
import { AssetBeats } from '../model/beats-job';
import { ExportSettingsView } from '../model/export-settings';
import { HardwareEncoding } from '../model/video-encoder';

/**
 * The one contract between the renderer and the engine. Every call is validated on the way in by the
 * router; both transports (Electron IPC and the browser-mode WebSocket) carry exactly these names.
 */
const Id = z.string().min(1).max(64);
const Ids = z.array(Id).min(1).max(100_000);
const Empty = z.object({}).strict();
/** The channels an approver decides on (null = every channel); ignored for other roles. */
const ApproverChannels = z.array(ChannelId).max(channelIdCount).nullable().default(null);
/** A one-time link's token (the UI makes `<origin>/#invite=<token>` or `#reset=`) and when it stops working. */
const OneTimeLink = z.object({ token: z.string(), expiresAt: z.string() });
/** An invite nobody has used yet (Settings → Team, admins): `id` is the link's stored hash, never its token. */
const PendingInvite = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  role: Role,
  approverChannels: z.array(ChannelId).nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PendingInvite = z.infer<typeof PendingInvite>;
/** Library filters beyond search, kind and tag (issue 10): optional, so older callers keep their meaning. */
const OrganiseFilters = {
  /** At least this many stars; 0 or null: any. */
  minRating: Rating.nullable().optional(),
  /** One colour label, or 'none' for unlabelled assets. */
  label: LabelChoice.nullable().optional(),
  collectionId: Id.nullable().optional(),
  smartCollectionId: Id.nullable().optional(),
};

export const calls = {
  'app.info': { input: Empty, output: AppInfo },
  'libraries.recent': { input: Empty, output: z.array(RecentLibrary) },
  'libraries.open': {
    input: z.object({ path: z.string().min(1), create: z.boolean().default(false) }),
    output: LibraryInfo,
  },
  /**
   * Who else is signed in to the open library (a team host): opening another library ends their sessions, so the
   * admin is told their names first. Empty for a personal library. Needs 'library.open'.
   */
  'libraries.signedIn': { input: Empty, output: z.array(z.object({ id: Id, name: z.string() })) },
  'assets.list': {
    input: z.object({
      query: z.string().max(200).default(''),
      kind: AssetKind.nullable().default(null),
      tag: z.string().max(64).nullable().default(null),
      sort: AssetSort.default('imported'),
      order: z.enum(['asc', 'desc']).default('desc'),
      trashed: z.boolean().default(false),
      /** Colour search: pictures with a dominant colour within `tolerance` (ΔE) of `hex`, closest first. */
      color: ColourFilter.nullable().optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1000).default(200),
      ...OrganiseFilters,
    }),
    output: z.object({ items: z.array(AssetSummary), total: z.number().int().nonnegative() }),
  },
  'assets.ids': {
    input: z.object({
      query: z.string().max(200).default(''),
      kind: AssetKind.nullable().default(null),
      tag: z.string().max(64).nullable().default(null),
      trashed: z.boolean().default(false),
      ...OrganiseFilters,
      color: ColourFilter.nullable().optional(),
    }),
    output: z.array(Id),
  },
  'assets.get': { input: z.object({ id: Id }), output: Asset },
  'assets.update': {
    input: z.object({
      id: Id,
      name: z.string().trim().min(1, 'A name cannot be empty').max(255).optional(),
      notes: z.string().max(10_000).optional(),
      /** Last day the licence covers (YYYY-MM-DD), or null for no known end. */
      licenceExpires: z.string().date('Write the licence end as a date, YYYY-MM-DD').nullable().optional(),
      licenceNote: z.string().max(1000).optional(),
    }),
    output: Asset,
  },
  'assets.tag': {
    input: z.object({ ids: Ids, add: z.array(Tag).default([]), remove: z.array(Tag).default([]) }),
    output: z.object({ updated: z.number().int() }),
  },
  'assets.trash': { input: z.object({ ids: Ids }), output: z.object({ count: z.number().int() }) },
  'assets.restore': { input: z.object({ ids: Ids }), output: z.object({ count: z.number().int() }) },
  'assets.purge': { input: z.object({ ids: Ids }), output: z.object({ count: z.number().int() }) },
  // ── organising (issue 10 §3; docs/organise.md) ─────────────────────────────
  /** Stars for many assets; `previous` says what each had, so Undo can put it back. */
  'assets.setRating': {
    input: z.object({ ids: Ids, rating: Rating }),
    output: z.object({ updated: z.number().int(), previous: z.array(z.object({ value: Rating, ids: z.array(Id) })) }),
  },
  /** A colour label (null clears it) for many assets, as setRating. */
  'assets.setLabel': {
    input: z.object({ ids: Ids, label: ColourLabel.nullable() }),
    output: z.object({ updated: z.number().int(), previous: z.array(z.object({ value: ColourLabel.nullable(), ids: z.array(Id) })) }),
  },
  /** The drafts, posts, brand kits and collections that use an asset. */
  'assets.whereUsed': { input: z.object({ id: Id }), output: WhereUsed },
  'collections.list': { input: Empty, output: z.array(Collection) },
  /** A new manual collection, with `assetIds` in it already (a "New collection from selection"). */
  'collections.create': { input: z.object({ name: CollectionName, assetIds: z.array(Id).max(100_000).default([]) }), output: Collection },
  'collections.rename': { input: z.object({ id: Id, name: CollectionName }), output: Collection },
  /** Deletes the collection, never its assets. */
  'collections.delete': { input: z.object({ id: Id }), output: z.object({ count: z.number().int() }) },
  'collections.addAssets': { input: z.object({ id: Id, assetIds: Ids }), output: z.object({ added: z.number().int() }) },
  'collections.removeAssets': { input: z.object({ id: Id, assetIds: Ids }), output: z.object({ removed: z.number().int() }) },
  /** Smart collections with how many live assets each matches now (counted in SQL). */
  'smartCollections.list': { input: Empty, output: z.array(SmartCollection) },
  'smartCollections.create': { input: z.object({ name: CollectionName, rules: SmartRules }), output: SmartCollection },
  'smartCollections.update': { input: z.object({ id: Id, name: CollectionName.optional(), rules: SmartRules.optional() }), output: SmartCollection },
  'smartCollections.delete': { input: z.object({ id: Id }), output: z.object({ count: z.number().int() }) },
  /** How many live assets some rules match, for the rule editor's live count before saving. */
  'smartCollections.count': { input: z.object({ rules: SmartRules }), output: z.object({ count: z.number().int() }) },
  /** Every live tag with its count; with `ids`, only the tags on those assets (counted among them). */
  'tags.list': { input: z.object({ ids: Ids.optional() }).strict(), output: z.array(z.object({ tag: z.string(), count: z.number().int() })) },
  'imports.start': { input: ImportRequest, output: z.object({ jobId: Id }) },
  // ── colour search and duplicates (issue 10; docs/library-search.md) ──
  /** Groups of exact or near duplicates among live pictures, for the review view. */
  'duplicates.list': { input: z.object({ mode: DuplicateMode.default('near') }).strict(), output: DuplicateList },
  /** Keep one copy: the others' tags, notes and draft uses move to it, and they go to the Trash. */
  'duplicates.keep': { input: z.object({ keepId: Id, removeIds: Ids }).strict(), output: KeepResult },
  /** Computes colours and hashes for pictures that lack them (a 'visual' job); null when none does. */
  'visual.backfill': { input: Empty, output: z.object({ jobId: Id.nullable(), pending: z.number().int().nonnegative() }) },
  'drafts.list': { input: z.object({ trashed: z.boolean().default(false) }), output: z.array(DraftSummary) },
  'drafts.create': {
    input: z.object({
      kind: DraftKind.default('video'),
      name: z.string().trim().min(1).max(200).optional(),
      preset: CanvasPreset.optional(),
      fps: Fps.optional(),
      /** Image drafts: the canvas (a preset's size or a custom one); default 4:5. */
      canvas: ImageCanvas.optional(),
    }),
    output: DraftRecord,
  },
  'drafts.get': { input: z.object({ id: Id }), output: DraftRecord },
  /**
   * Saves a new revision. `baseRevision` must be the revision the edit started from, so two windows never overwrite
   * each other silently. `actorId`: who saves; a change to a template's locked elements needs 'templates.edit'
   * (admins; docs/templates.md), and a save naming nobody has a creator's rights. Refused saves keep nothing.
   */
  'drafts.save': {
    input: z.object({ id: Id, baseRevision: z.number().int().nonnegative(), doc: Draft, actorId: Id.optional() }),
    output: z.object({ revision: z.number().int(), updatedAt: z.string() }),
  },
  /** `actorId`: a template (not a draft) is renamed only by its author or an admin. */
  'drafts.rename': { input: z.object({ id: Id, name: z.string().trim().min(1, 'A name cannot be empty').max(200), actorId: Id.optional() }), output: DraftSummary },
  'drafts.duplicate': { input: z.object({ id: Id }), output: DraftRecord },
  'drafts.trash': { input: z.object({ ids: Ids }), output: z.object({ count: z.number().int() }) },
  'drafts.restore': { input: z.object({ ids: Ids }), output: z.object({ count: z.number().int() }) },
  /** The assets a draft uses with their licence end dates, for the composer's licence check. */
  'drafts.licences': { input: z.object({ id: Id }), output: z.array(AssetLicence) },
  'drafts.revisions': { input: z.object({ id: Id }), output: z.array(DraftRevision) },
  /** Makes an earlier revision current (a new revision on top); checked against the template's locks as drafts.save. */
  'drafts.restoreRevision': { input: z.object({ id: Id, revision: z.number().int().nonnegative(), actorId: Id.optional() }), output: DraftRecord },
  // ── captions (issue 12; docs/captions.md) ──
  /**
   * Imports an SRT or WebVTT file (`path`, or an `upload` in browser mode) as a new caption track of a video draft,
   * saved as a new revision (drafts.restoreRevision with `previousRevision` undoes it). `baseRevision`: the revision
   * the editor shows (a stale one is refused as drafts.save refuses it); absent, the current one. A bad file is
   * refused whole, with its lines named; `warnings` lists what was changed on the way (sorted, styling dropped…).
   */
  'captions.import': {
    input: z
      .object({
        draftId: Id,
        baseRevision: z.number().int().nonnegative().optional(),
        path: z.string().min(1).max(4096).optional(),
        upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional(),
        /** Forced format; by default WebVTT when the file starts with "WEBVTT", otherwise SRT. */
        format: z.enum(['srt', 'vtt']).optional(),
        /** BCP 47; "und" when not known. */
        language: LanguageTag.default('und'),
        /** The track's name; by default the language's name, or the file's name when the language is unknown. */
        name: z.string().trim().min(1).max(80).optional(),
        actorId: Id.optional(),
      })
      .refine((i) => (i.path === undefined) !== (i.upload === undefined), { message: 'Choose one subtitle file to import' }),
    output: z.object({
      revision: z.number().int(),
      previousRevision: z.number().int(),
      trackId: Id,
      cueCount: z.number().int(),
      format: z.enum(['srt', 'vtt']),
      encoding: z.string(),
      warnings: z.array(z.object({ line: z.number().int().nullable(), message: z.string() })),
    }),
  },
  /** One caption track of a saved draft as SRT or WebVTT text, with a file name to save it under and what the format leaves out. */
  'captions.export': {
    input: z.object({ draftId: Id, trackId: Id, format: z.enum(['srt', 'vtt']) }),
    output: z.object({ text: z.string(), fileName: z.string(), cueCount: z.number().int(), warnings: z.array(z.string()) }),
  },
  /**
   * The pictures of a burned-in caption track (one with a `styleId`; a cue's own overrides it) for the editor's
   * preview: the track as the editor holds it (unsaved), drawn by the export's own rasteriser with the kit `kitId`
   * (the draft's; null or a missing kit: the default look) on a canvas of this size. Each frame is a PNG in the
   * text cache (textLayerUrl(key)) at its canvas position, shown over [startSec, endSec); the export burns the same
   * files. A track without a style answers no frames; an unknown style id is refused with the ids to pick from.
   */
  'captions.render': {
    input: z.object({
      canvas: z.object({ width: z.number().int().min(16).max(4096), height: z.number().int().min(16).max(4096) }),
      kitId: Id.nullable(),
      track: CaptionTrack,
    }),
    output: z.object({ frames: z.array(CaptionPicture) }),
  },
  /**
   * Auto-captions (docs/captions.md "Auto-captions"): speech recognition on this machine (whisper.cpp) of a draft's
   * voiceover (else main track) or an asset, as a 'caption-transcribe' job with progress and cancel whose result
   * holds cues with word timings. Nothing is saved. Refused at once when no model is installed (the message says to
   * download one in Settings → Captions models) or the recogniser is not available on this platform.
   */
  'captions.transcribe': { input: CaptionTranscribeInput, output: z.object({ jobId: Id }) },
  /**
   * Where someone speaks (docs/captions.md "Timeline row"): sounding stretches between pauses of a draft's voiceover
   * (else main track) recording, on the draft's timeline, or of an asset from its start. The caption row draws them
   * and snaps cues to their edges. Computed once per recording (cached); open to every role, like drafts.get.
   */
  'captions.speech': {
    input: z
      .object({ draftId: Id.optional(), assetId: Id.optional() })
      .strict()
      .refine((i) => (i.draftId === undefined) !== (i.assetId === undefined), { message: 'Name either a draft or an asset to find speech in.' }),
    output: z.object({ assetId: Id, spans: z.array(z.object({ startSec: z.number().nonnegative(), endSec: z.number().nonnegative() })) }),
  },
  // ── speech-recognition models (Settings → Captions models; docs/captions.md "Models") ──
  // Listing is open to every role; download, add, remove and choose need 'models.manage' (admins: they change the
  // machine's models folder, shared by every library), checked before anything is fetched, copied or deleted.
  /** Every catalogue model with whether it is installed (or half downloaded), which one is used, and the models folder. */
  'models.list': { input: Empty, output: ModelList },
  /** Downloads a model as a 'model-download' job (resumes an interrupted one; checksum checked); the same model's running job is answered again. */
  'models.download': { input: z.object({ id: ModelId, actorId: Id }).strict(), output: z.object({ jobId: Id }) },
  /** "Use a file I already have": a ggml model file (`path`, or an `upload` in browser mode) copied in as model `id`. */
  'models.add': {
    input: z
      .object({ id: ModelId, actorId: Id, path: z.string().min(1).max(4096).optional(), upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional() })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), 'Give the model file as a path or as an upload (one of them)'),
    output: ModelStatus,
  },
  /** Deletes a model's file (and any half-finished download of it). */
  'models.remove': { input: z.object({ id: ModelId, actorId: Id }).strict(), output: z.object({ id: ModelId }) },
  /** The model auto-captions use (null: the best installed one). */
  'models.choose': { input: z.object({ id: ModelId.nullable(), actorId: Id }).strict(), output: z.object({ active: ModelId.nullable() }) },
  // ── beat markers (issue 14 §4; docs/timeline.md "Beats") ──
  /**
   * Finds the beats of an asset's sound as a 'beats' job (progress, cancel); they are kept with the asset, not in a
   * draft. Refused at once, saying why, for media without sound or longer than 20 minutes. A second call while its
   * job runs answers with the same job.
   */
  'beats.find': { input: z.object({ assetId: Id }).strict(), output: z.object({ jobId: Id }) },
  /** The stored beats of those assets that have them (seconds in the file, ascending), in the order asked. */
  'beats.get': { input: z.object({ assetIds: z.array(Id).max(500) }).strict(), output: z.array(AssetBeats) },
  /** Forgets an asset's beats ("Remove beats"); its clips stop showing and snapping to them. */
  'beats.clear': { input: z.object({ assetId: Id }).strict(), output: z.object({ assetId: Id }) },
  // ── reverse and freeze frame (issue 14 §3; docs/reverse-freeze.md) ──
  /**
   * Makes the reversed copy of a video that its reversed clips play from, as a 'reverse' job (progress, cancel).
   * When the source needs a preview proxy (model/proxy.ts needsProxy) the job then makes the copy's own proxy, which
   * the preview plays (the export reads the full copy). `jobId` null: nothing left to make. `plays`: what the preview
   * can play now ('proxy', 'copy': a copy made before its proxy existed, the job making the proxy; null: wait for the
   * job). Refused at once, saying why, for a photo, a sound or unknown length. A second call while its job runs
   * answers with the same job.
   */
  'reverse.start': { input: z.object({ assetId: Id }).strict(), output: z.object({ jobId: Id.nullable(), plays: z.enum(['proxy', 'copy']).nullable() }) },
  /**
   * The frame of a video at `seek` seconds (accurate seek, full size, from the original) imported into the library as
   * a photo named "<name> · <at> (freeze)" (thumbnails as any import); the editor then places it. The same
   * frame again answers with the photo already imported.
   */
  'freezeFrame.make': {
    input: z.object({ assetId: Id, seek: z.number().finite().nonnegative().max(24 * 3600), at: z.number().finite().nonnegative().max(24 * 3600) }).strict(),
    output: z.object({ assetId: Id, name: z.string() }),
  },
  // ── Settings → Export (docs/export.md "Hardware encoders") ──
  /** The hardware-encoding choice and what this machine's ffmpeg offers (detected once per run). */
  'exportSettings.get': { input: Empty, output: ExportSettingsView },
  /** Admins only ('export.settings', model/permissions.ts), audited: auto (use a working hardware encoder) or off. */
  'exportSettings.set': { input: z.object({ hardwareEncoding: HardwareEncoding, actorId: Id }).strict(), output: ExportSettingsView },
  // ── templates (issue 11; docs/templates.md) ──
  /** Templates by name, each with its placeholders; the shipped starters are imported into the library on first use. */
  'templates.list': { input: Empty, output: z.array(TemplateSummary) },
  /** Saves a copy of a draft's current document as a template authored by `actorId` (any role; its locks stay as they are). */
  'templates.create': { input: z.object({ draftId: Id, actorId: Id, name: z.string().trim().min(1).max(200).optional() }), output: TemplateSummary },
  /**
   * "New from template": a new draft holding the template's document with `fills` (placeholder id → `{ assetId }` or
   * `{ text }`) in its placeholders, checked by type; locks stay; the library's default kit is applied.
   */
  'templates.instantiate': { input: z.object({ templateId: Id, name: z.string().trim().min(1).max(200).optional(), fills: TemplateFills.default({}) }), output: DraftRecord },
  /** Deletes a template for good: its author or an admin ('templates.edit'); a starter, admins only. */
  'templates.delete': { input: z.object({ id: Id, actorId: Id }), output: z.object({ count: z.number().int() }) },
  'exports.start': {
    // loudness: level the sound to this target (two-pass loudnorm); absent or null: as mixed.
    input: z.object({ draftId: Id, preset: ExportPreset.default({ height: 'canvas', fps: 'canvas', quality: 'standard' }), loudness: LoudnessTarget.nullable().optional() }),
    output: z.object({ jobId: Id }),
  },
  /** Finished exports (of one draft, or all), newest first, each saying whether its file is still there. */
  'exports.list': { input: z.object({ draftId: Id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(), output: z.array(ExportEntry) },
  /** Rasterises a text layer once (sharp, SVG → PNG) for a canvas size; preview and export show the same image. */
  'text.render': {
    input: z.object({
      canvas: z.object({ width: z.number().int().min(16).max(4096), height: z.number().int().min(16).max(4096) }),
      text: TextClip.pick({ text: true, style: true, x: true, y: true, maxWidth: true }),
    }),
    output: TextLayerImage,
  },
  /**
   * The editor's preview of a photo (docs/image-render.md): the asset cut, straightened, flipped and edited by
   * the same code as the export (model/image-adjust.ts), shown at `width`×`height`. With `frame` (the layer's
   * box in canvas pixels, what the export draws) it is drawn at that size and scaled down, so the preview is the
   * export's own pixels made smaller (sharpening and grain look as they will). A PNG in the library's layer cache
   * by a key of its inputs, served like a text layer's PNG (textLayerUrl(key)).
   */
  'images.photo': {
    input: z.object({
      assetId: Id,
      edit: PhotoEdit.prefault({}),
      width: z.number().int().min(1).max(4096),
      height: z.number().int().min(1).max(4096),
      frame: z.object({ width: z.number().int().min(1).max(8 * 4096), height: z.number().int().min(1).max(8 * 4096) }).optional(),
    }),
    output: TextLayerImage.pick({ key: true, width: true, height: true }),
  },
  /**
   * One page of an image draft as the export draws it, `scale` times the canvas size: a saved draft by `id`, or
   * the document being edited (`doc`). A PNG in the layer cache (textLayerUrl(key)): page thumbnails, and the
   * picture the preview is held to. At most 4096 pixels on a side (a bigger `scale` is reduced to that).
   */
  /**
   * Exports an image draft as an 'image-export' job (docs/image-render.md "Export job"): every page in `format`,
   * scaled to `width` and stepped down in quality to `maxBytes` when given (a channel preset), as numbered files
   * in a new folder of the library's exports/, with `pdf` also one PDF of the pages (JPEG only). Progress per page;
   * jobs.cancel stops it and removes what it wrote. The result lists each file: quality used, size, fits or not.
   */
  'images.export': { input: ImageExportInput, output: z.object({ jobId: Id }) },
  /** Finished image exports (all, or one draft's), newest first, each file marked available or gone. */
  /**
   * Sync to script (docs/captions.md): aligns the script to a draft's voiceover (else main track) recording or to
   * an asset, offline, as a 'caption-sync' job whose result holds the cues with word times. Nothing is saved.
   */
  'captions.syncScript': { input: CaptionSyncInput, output: z.object({ jobId: Id }) },
  'images.exports': { input: z.object({ draftId: Id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(), output: z.array(ImageExportEntry) },
  'images.renderPage': {
    input: z
      .object({ id: Id.optional(), doc: ImageDraft.optional(), page: z.number().int().min(0).max(99), scale: z.number().min(0.05).max(4).default(1) })
      .refine((i) => (i.id === undefined) !== (i.doc === undefined), { message: 'Name a draft (id) or send its document (doc), not both' }),
    output: TextLayerImage.pick({ key: true, width: true, height: true }),
  },
  /**
   * Backs the whole library up to one `.postframe-backup` file as a 'backup' job (docs/backup.md): to `path` (a file,
   * or a folder to put it in under a dated name), or without one into the library's `exports/backups/`. Needs
   * 'library.backup' (admins); the finished backup is audited.
   */
  'library.backup': { input: z.object({ actorId: Id, path: z.string().min(1).max(4096).optional() }), output: z.object({ jobId: Id }) },
  /**
   * Restores a backup (`path`, or an `upload` in browser mode) into the NEW folder `folder` as a 'restore' job; the
   * library open now stays open, and the restored one is opened with libraries.open. Needs 'library.backup'.
   */
  'library.restore': {
    input: z
      .object({ actorId: Id, path: z.string().min(1).max(4096).optional(), upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional(), folder: z.string().min(1).max(4096) })
      .refine((i) => (i.path === undefined) !== (i.upload === undefined), { message: 'Choose one backup file to restore' }),
    output: z.object({ jobId: Id }),
  },
  'jobs.list': { input: Empty, output: z.array(Job) },
  'jobs.cancel': { input: z.object({ id: Id }), output: Job },
  // ── capture (issue 5): chunks travel over HTTP (host) or IPC (Electron), never through these calls ──
  /** A new take; its chunks then go to `hostChunkPath(id, seq)` or the bridge's `sendRecordingChunk`. */
  'recordings.start': {
    input: z.object({
      kind: RecordingKind,
      /** MediaRecorder's mimeType: WebM (or MP4) with the codecs it chose. */
      mimeType: z.string().min(1).max(120),
      fps: Fps.default(30),
      timesliceMs: z.number().int().min(100).max(10_000).default(1000),
      name: z.string().trim().min(1).max(200).optional(),
      voiceover: VoiceoverTarget.nullable().default(null),
    }),
    output: z.object({ id: RecordingId, name: z.string() }),
  },
  /** The recorder stopped after sending `chunks` chunks: finalize and import the take as a 'recording' job. */
  'recordings.stop': {
    input: z.object({ id: RecordingId, chunks: z.number().int().nonnegative(), durationMs: z.number().nonnegative().max(86_400_000).nullable().default(null) }),
    output: z.object({ jobId: Id }),
  },
  /** Takes that a crash, a closed window or a failed save left behind, oldest first. */
  'recordings.interrupted': { input: Empty, output: z.array(RecordingSummary) },
  /** Finalize and import what an interrupted take holds (a 'recording' job). */
  'recordings.recover': { input: z.object({ id: RecordingId }), output: z.object({ jobId: Id }) },
  'recordings.discard': { input: z.object({ id: RecordingId }), output: z.object({ count: z.number().int() }) },
  // ── publishing (issue 4) ──────────────────────────────────────────────────
  'posts.list': {
    input: z.object({
      state: PostState.nullable().default(null),
      campaignId: Id.nullable().default(null),
      /** UTC ISO range of scheduled times: from inclusive, to exclusive. */
      from: z.string().datetime().nullable().default(null),
      to: z.string().datetime().nullable().default(null),
    }),
    output: z.array(PostRecordSchema),
  },
  'posts.get': { input: z.object({ id: Id }), output: PostRecordSchema },
  /** A new post in 'draft' state carrying a stored draft. */
  'posts.create': {
    input: z.object({
      draftId: Id,
      actorId: Id,
      title: z.string().trim().min(1).max(200).optional(),
      targets: z.array(ChannelTarget).min(1).max(7).default([{ channel: 'tiktok', overrides: {} }]),
      timeZone: z.string().min(1).default('UTC'),
      campaignId: Id.nullable().default(null),
    }),
    output: PostRecordSchema,
  },
  /** Content edits go through the workflow's `edit` (an approved post returns to review); a new time alone does not. */
  'posts.update': {
    input: z.object({
      id: Id,
      actorId: Id,
      draftId: Id.nullable().optional(),
      title: z.string().trim().min(1).max(200).optional(),
      content: PostContent.optional(),
      targets: z.array(ChannelTarget).min(1).max(7).optional(),
      coverTime: z.number().nonnegative().nullable().optional(),
      sponsored: z.boolean().optional(),
      campaignId: Id.nullable().optional(),
      scheduledAt: z.string().datetime().nullable().optional(),
      timeZone: z.string().min(1).optional(),
    }),
    output: PostRecordSchema,
  },
  'posts.transition': {
    input: z.object({
      id: Id,
      // Only a person's steps: rendering and delivery steps are the engine's own, never a client's to claim.
      event: z.enum(personEventTypes),
      actorId: Id,
      comment: z.string().max(10_000).optional(),
      override: z.boolean().optional(),
      /** For 'schedule': the UTC instant; defaults to the post's stored time. */
      at: z.string().datetime().optional(),
    }),
    output: PostRecordSchema,
  },
  'posts.comments': { input: z.object({ id: Id }), output: z.array(PostCommentSchema) },
  /** A comment on the post's thread without a workflow step (audited as 'comment'). */
  'posts.comment': { input: z.object({ id: Id, actorId: Id, body: z.string().trim().min(1, 'Write something to comment').max(10_000) }), output: PostCommentSchema },
  'users.list': { input: Empty, output: z.array(User) },
  'users.create': { input: z.object({ actorId: Id, name: z.string().trim().min(1).max(80), role: Role }), output: User },
  'campaigns.list': { input: Empty, output: z.array(Campaign) },
  'campaigns.create': { input: Campaign.omit({ id: true }).extend({ goal: z.string().max(500).default(''), actorId: Id }), output: Campaign },
  'campaigns.update': { input: Campaign.extend({ actorId: Id }), output: Campaign },
  'policy.get': { input: Empty, output: z.object({ policy: Policy, approvals: z.array(ApprovalRule) }) },
  'policy.set': {
    input: z.object({ actorId: Id, policy: Policy.optional(), approvals: z.array(ApprovalRule).optional() }),
    output: z.object({ policy: Policy, approvals: z.array(ApprovalRule) }),
  },
  /** Hootsuite bulk-composer CSV → text-first posts (no draft yet) in 'draft' state; rows that fail are reported, not created. */
  'queue.importCsv': {
    input: z.object({
      text: z.string().max(5_000_000),
      zone: z.string().min(1),
      actorId: Id.default('owner'),
      channels: z.array(ChannelId).min(1).max(7).default(['tiktok']),
      campaignId: Id.nullable().default(null),
    }),
    output: z.object({ created: z.array(PostRecordSchema), errors: z.array(BulkRowErrorSchema) }),
  },
  'queue.ics': { input: z.object({ campaignId: Id.nullable().default(null) }), output: z.object({ text: z.string() }) },
  // ── delivery (issue 4 §7; docs/delivery.md) ───────────────────────────────
  /** The library's connectors: the folder, the webhook (its secret header only as "set"), the channel routes. */
  'connectors.get': { input: Empty, output: ConnectorSettingsView },
  /**
   * Admins only ('delivery.settings', model/permissions.ts), audited. Checks every part (the folder must be
   * writable, the URL http(s)…) and stores nothing unless all is valid. A new URL origin drops the secret header
   * unless the same call gives one.
   */
  'connectors.set': { input: ConnectorSettingsInput.extend({ actorId: Id }), output: ConnectorSettingsView },
  /** Each channel's delivery of the post's current revision, the render jobs, and why it waits or failed. */
  'delivery.status': { input: z.object({ postId: Id }), output: PostDeliveryStatus },
  /** Renders and delivers an approved or scheduled (or failed) post now; returns once it is rendering. */
  'delivery.exportNow': { input: z.object({ id: Id, actorId: Id }), output: PostRecordSchema },
  /** An unknown outcome settled by a person: the receiver has it. */
  'delivery.markDelivered': { input: z.object({ postId: Id, channel: ChannelId, actorId: Id }), output: PostDeliveryStatus },
  /** An unknown outcome settled by a person: send it again (same Idempotency-Key). */
  'delivery.sendAgain': { input: z.object({ postId: Id, channel: ChannelId, actorId: Id }), output: PostDeliveryStatus },
  /** Due posts more than an hour late: the scheduler did not export them; a person chooses Export now or a new time. */
  'delivery.late': { input: Empty, output: z.array(LatePost) },
  // ── brand kits (issue 10; docs/brand-kits.md) ─────────────────────────────
  // Reading is open to everyone (creators use kits); every change needs 'kits.edit' (model/permissions.ts) and is
  // an audited 'kit_edit'. Logos must be library images, intro/outro library videos, fonts library fonts.
  /** Every kit of the library, the default first, then by name. */
  'kits.list': { input: Empty, output: z.array(BrandKit) },
  'kits.get': { input: z.object({ id: Id }), output: BrandKit },
  /** A new kit, empty but for its `name`, or with full `content` (give one of the two). The first kit is the default. */
  'kits.create': {
    input: z
      .object({ actorId: Id, name: BrandKitContent.shape.name.optional(), content: BrandKitContent.optional() })
      .refine((i) => (i.name === undefined) !== (i.content === undefined), { message: 'Give the new kit either a name or its full content' }),
    output: BrandKit,
  },
  /**
   * Saves the kit's content. `baseUpdatedAt` is the `updatedAt` the edit started from: a kit changed since (another
   * designer, another window) is refused with 'conflict', never overwritten.
   */
  'kits.update': { input: z.object({ id: Id, actorId: Id, baseUpdatedAt: z.string().min(1).max(40), content: BrandKitContent }), output: BrandKit },
  /** A copy named "<name> copy"; never the default. */
  'kits.duplicate': { input: z.object({ id: Id, actorId: Id }), output: BrandKit },
  /** Deletes a kit; deleting the default makes the oldest remaining kit the default. */
  'kits.delete': { input: z.object({ id: Id, actorId: Id }), output: z.object({ count: z.number().int(), defaultId: Id.nullable() }) },
  'kits.setDefault': { input: z.object({ id: Id, actorId: Id }), output: BrandKit },
  /**
   * Writes the kit as a `.postframe-kit` file (docs/kit-format.md): to `path` (the app, the CLI; browser mode only
   * inside allowed folders), or without one into the library's exports/kits/ folder. Reading a kit is open to all.
   */
  'kits.export': {
    input: z.object({ id: Id, path: z.string().min(1).max(4096).optional() }),
    output: z.object({ path: z.string(), fileName: z.string(), sizeBytes: z.number().int().nonnegative() }),
  },
  /**
   * Imports a `.postframe-kit` file from `path` (the app, the CLI; browser mode inside allowed folders) or from an
   * `upload` (browser mode, uploaded like an import). Checked whole before anything is added; a name in use becomes
   * "Name (2)". Needs 'kits.edit'.
   */
  'kits.import': {
    input: z
      .object({ actorId: Id, path: z.string().min(1).max(4096).optional(), upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional() })
      .refine((i) => (i.path === undefined) !== (i.upload === undefined), { message: 'Choose one kit file to import' }),
    output: BrandKit,
  },
  /**
   * kits.import as a 'kit-import' job with progress per file and Cancel (a kit with long intro/outro clips takes a
   * while): the Brand room uses it; its result names the new kit. Needs 'kits.edit', checked before the job exists.
   */
  'kits.importStart': {
    input: z
      .object({ actorId: Id, path: z.string().min(1).max(4096).optional(), upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional() })
      .refine((i) => (i.path === undefined) !== (i.upload === undefined), { message: 'Choose one kit file to import' }),
    output: z.object({ jobId: Id }),
  },
  /** The kits that use an asset, and as what ("where used"; an asset a kit uses cannot be deleted for good). */
  'kits.usingAsset': {
    input: z.object({ assetId: Id }),
    output: z.array(z.object({ kitId: Id, kitName: z.string(), role: z.enum(['logo_light', 'logo_dark', 'intro', 'outro']) })),
  },
  // ── library fonts (issue 10; docs/fonts.md) ──────────────────────────────
  /** The library's font files, by family then weight. Text styles name a font by its `family`. */
  'fonts.list': { input: Empty, output: z.array(FontRecord) },
  /**
   * Adds one TTF, OTF or WOFF2 file: from a path (the app, the CLI; browser mode only inside allowed folders) or
   * from an upload (browser mode: POST it to the upload route first, as imports do). Validated and stored
   * content-addressed; the same bytes again answer the existing record with `duplicate: true`. Another file
   * with the same family and style is refused (`conflict`, naming the file already there). Font changes need
   * 'kits.edit' (admins) and are audited ('font_edit'), as kit changes are.
   */
  'fonts.add': {
    input: z
      .object({
        actorId: Id,
        path: z.string().min(1).optional(),
        upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional(),
        licenceNote: z.string().max(2000).default(''),
      })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), 'Give the font file as a path or as an upload (one of them)'),
    output: z.object({ font: FontRecord, duplicate: z.boolean() }),
  },
  'fonts.update': { input: z.object({ id: FontId, actorId: Id, licenceNote: z.string().max(2000) }).strict(), output: FontRecord },
  /** Refused (`conflict`, naming them) while a brand kit lists the font or a kit's or live draft's text uses its family. */
  'fonts.remove': { input: z.object({ id: FontId, actorId: Id }).strict(), output: z.object({ id: FontId }) },

  // ── imported looks (issue 14 §3; docs/looks.md "Imported looks") ─────────
  /** The library's imported .cube looks, oldest first (the shipped looks are in the model: look-catalogue.ts). */
  'looks.list': { input: Empty, output: z.array(LookRecord) },
  /** An imported look's stored .cube text: the preview parses the very file the export's lut3d reads. */
  'looks.cube': { input: z.object({ id: ImportedLookId }).strict(), output: z.object({ look: LookRecord, cube: z.string() }) },
  /**
   * Imports one 3D .cube LUT: from a path (the app, the CLI; browser mode only inside allowed folders) or from an
   * upload (browser mode, as fonts.add). Checked by the LUT parser (the message names the line), at most 20 MB and
   * LUT_3D_SIZE 65; stored content-addressed, so the same bytes again answer the existing look with
   * `duplicate: true`. Needs 'kits.edit' and is audited ('look_edit'), as font changes are.
   */
  'looks.import': {
    input: z
      .object({
        actorId: Id,
        path: z.string().min(1).optional(),
        upload: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }).optional(),
      })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), 'Give the .cube file as a path or as an upload (one of them)'),
    output: z.object({ look: LookRecord, duplicate: z.boolean() }),
  },
  /** Refused (`conflict`, naming them) while a live draft's clip uses the look. */
  'looks.remove': { input: z.object({ id: ImportedLookId, actorId: Id }).strict(), output: z.object({ id: ImportedLookId }) },

  // ── Accounts (issue 13, acc-backend; studio/accounts-api.ts). Every one acts for the caller the transport vouches
  // for: none names a person to act as. Sign-in itself is the host's HTTP (/auth/*), not a call: no session yet.
  /** Who is signed in (read fresh), and whether the library is a team's (someone signs in) or one person's. */
  'session.me': { input: Empty, output: z.object({ user: User, team: z.boolean() }) },
  /** The caller's own password: the current one is checked; their other sessions end. */
  'account.changePassword': { input: z.object({ current: z.string().max(1024), next: z.string().max(1024) }).strict(), output: z.object({}) },
  /** Ends every session of the caller, this one too. */
  'account.signOutEverywhere': { input: Empty, output: z.object({ ended: z.number().int().min(0) }) },
  /** A one-time invite link's token (7 days) carrying the role and, for approvers, the channels (null = every channel). */
  'users.invite': { input: z.object({ role: Role, approverChannels: ApproverChannels }).strict(), output: OneTimeLink },
  /** Invites made and not used yet, newest first (admins: they carry who invited and which role the link makes). */
  'users.invites': { input: Empty, output: z.array(PendingInvite) },
  /** Cancels an unused invite: its link opens nothing from now on. Audited (`account_invite_cancel`). */
  'users.cancelInvite': { input: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), output: z.object({}) },
  /** A one-time password-reset link's token (1 day) for a person with a login; earlier ones stop working. */
  'users.resetLink': { input: z.object({ id: Id }).strict(), output: OneTimeLink },
  /** The last enabled admin cannot be made a creator or an approver. */
  'users.setRole': { input: z.object({ id: Id, role: Role, approverChannels: ApproverChannels }).strict(), output: User },
  /** A disabled account's sessions end at once; the last enabled admin cannot be disabled. */
  'users.setDisabled': { input: z.object({ id: Id, disabled: z.boolean() }).strict(), output: User },
  // ── audit log (issue 13 §4; docs/audit.md) ── helper "audit" (acc/audit)
  /**
   * Checks the audit log with this machine's key (Settings → Audit log → Verify; `postframe audit verify`): the
   * append-only guard, the hash chain, the signed head. Each problem and note is one line for a person. Admins
   * only ('audit.verify'), for the caller the router vouches for (no actor in the input); it changes nothing.
   */
  'audit.verify': { input: Empty, output: AuditVerifyView },
  // ── Review that shows the post (issue 13, branch acc/review; docs/review.md) ──────────────────────────────
  /**
   * What the approver's review shows of a post: per channel the text it gets and its rendered file (when the post
   * was rendered at this revision), the policy rule by rule, and what changed since the caller last reviewed it
   * (approved, requested changes or commented). `actorId` is the caller (the router fills it from the session).
   */
  'posts.review': { input: z.object({ id: Id, actorId: Id }), output: PostReview },
} as const;

export const events = {
  'job.updated': Job,
  'assets.changed': z.object({
    reason: z.enum(['imported', 'updated', 'trashed', 'restored', 'purged']),
    ids: z.array(z.string()),
  }),
  'library.changed': LibraryInfo,
  /** Manual or smart collections were created, renamed, deleted, or (manual) got or lost assets. */
  'collections.changed': z.object({ kind: z.enum(['manual', 'smart']), ids: z.array(z.string()) }),
  'drafts.changed': z.object({ reason: z.enum(['created', 'saved', 'renamed', 'trashed', 'restored']), ids: z.array(z.string()) }),
  /** `ids` are the posts concerned; 'campaigns' (a campaign was created or edited) names none. */
  'posts.changed': z.object({ reason: z.enum(['created', 'updated', 'transitioned', 'imported', 'commented', 'campaigns']), ids: z.array(z.string()) }),
  /** A post's deliveries or render changed (an empty list: any post's may have, e.g. the connectors changed). */
  'delivery.changed': z.object({ postIds: z.array(z.string()) }),
  /** Library fonts were added, edited (licence note) or removed. */
  'fonts.changed': z.object({ reason: z.enum(['added', 'updated', 'removed']), ids: z.array(z.string()) }),
  /** Imported looks were added or removed. */
  'looks.changed': z.object({ reason: z.enum(['added', 'removed']), ids: z.array(z.string()) }),
  /** The set of posts more than an hour late changed (sent after the scheduler's catch-up pass too). */
  'delivery.late': z.object({ posts: z.array(LatePost) }),
  /** Kits were created, edited, duplicated, deleted, imported or the default changed (`ids`: every kit concerned). */
  'templates.changed': z.object({ reason: z.enum(['created', 'deleted', 'imported']), ids: z.array(z.string()) }),
  'kits.changed': z.object({ reason: z.enum(['created', 'updated', 'duplicated', 'deleted', 'default', 'imported']), ids: z.array(z.string()) }),
  /** Accounts changed (invited person joined, role, disabled, enabled): the team list reloads. Ids only. */
  'users.changed': z.object({ ids: z.array(z.string()) }),
  /** An invite was made, used or cancelled: admins' pending-invite lists reload (nothing about the invite itself). */
  'invites.changed': z.object({ reason: z.enum(['created', 'accepted', 'cancelled']) }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/**
 * Who a call runs for (DESIGN.md "Accounts and trust"): the signed-in session's user on the host, the library's
 * local owner in the app on a personal library. The transport decides it; the client never names it.
 */
export type Caller = { user: User; sessionId: string | null };

/**
 * What the engine implements: one async function per call, taking the parsed (defaulted) input and the caller.
 * The router always passes the caller; it is optional in the type only for in-process calls (CLI, tests), which
 * act as the library's owner. A handler that needs the caller and gets none refuses (`callerOf`).
 */
export type ApiImpl = { [K in CallName]: (input: ParsedInput<K>, caller?: Caller) => Promise<CallOutput<K>> };

export const ApiErrorShape = z.object({ code: z.enum(errorCodes), message: z.string() });
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

/** Wire messages of the browser-mode WebSocket. `id` is a safe integer the client picks (electron/api/wire.ts). */
export type WireRequest = { id: number; call: string; input: unknown };
export type WireMessage =
  /**
   * The answer to request `id`. A message that was not a request (not JSON, not an object, no usable id) is
   * answered with `id: null` and an `invalid_input` error that says what a request looks like.
   */
  | { type: 'result'; id: number | null; result: CallResult<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };
