import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError, clause, errorMessage } from '../model/errors';
import {
  type CatalogueModel,
  DEFAULT_MODEL_BASE_URL,
  MODEL_CATALOGUE,
  MODEL_MIN_BYTES,
  type ModelId,
  type ModelStatus,
  ModelsState,
  catalogueModel,
  hasGgmlMagic,
  modelUrl,
  pickModel,
} from '../model/whisper-models';
import { type DownloadProgress, downloadFile, hashFile } from './model-download';

/**
 * The speech-recognition models on this machine (docs/captions.md "Models"): `<settings>/models/`, shared by every
 * library (a model is ~75–466 MB and belongs to the machine, not to a library's content). `models.json` records
 * what was installed and how (downloaded and checksum-checked, or the user's own file); a model file without a
 * record is not used. Works offline once a model is there: nothing here touches the network except download().
 */

type State = ModelsState;
type Record = ModelsState['installed'][ModelId];
const State = ModelsState;

export type ModelStoreOptions = {
  /** `<settings>/models`. */
  folder: string;
  /** Where catalogue files are downloaded from (POSTFRAME_MODEL_BASE_URL, else the official host). */
  baseUrl?: string;
  /** The catalogue (tests give one with their own file and checksum). */
  catalogue?: readonly CatalogueModel[];
  idleTimeoutMs?: number;
  clock?: () => Date;
};

export function modelBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSTFRAME_MODEL_BASE_URL?.trim() || DEFAULT_MODEL_BASE_URL;
}

/**
 * The catalogue, with POSTFRAME_MODEL_SHA256="tiny=<hex>,base=<hex>" replacing the named models' checksums by a
 * SHA-256 (tests and e2e serve a generated file; a mirror with re-converted files). Like POSTFRAME_FFMPEG it is the
 * machine owner's own setting; the API cannot change it.
 */
export function catalogueFromEnv(env: NodeJS.ProcessEnv = process.env): readonly CatalogueModel[] {
  const spec = env.POSTFRAME_MODEL_SHA256?.trim();
  if (!spec) return MODEL_CATALOGUE;
  const over = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [id, hex] = part.split('=').map((x) => x.trim());
    if (id && hex && /^[0-9a-f]{64}$/i.test(hex)) over.set(id, hex.toLowerCase());
  }
  return MODEL_CATALOGUE.map((m) => (over.has(m.id) ? { ...m, checksum: { algorithm: 'sha256', hex: over.get(m.id)! } } : m));
}

export class ModelStore {
  readonly folder: string;
  private readonly catalogue: readonly CatalogueModel[];
  private readonly busy = new Set<ModelId>();

  constructor(private readonly o: ModelStoreOptions) {
    this.folder = o.folder;
    this.catalogue = o.catalogue ?? MODEL_CATALOGUE;
  }

  model(id: ModelId): CatalogueModel {
    return catalogueModel(id, this.catalogue);
  }

  fileOf(id: ModelId): string {
    return path.join(this.folder, this.model(id).fileName);
  }

  async list(): Promise<{ models: ModelStatus[]; active: ModelId | null; chosen: ModelId | null }> {
    const state = await this.state();
    const models: ModelStatus[] = [];
    for (const m of this.catalogue) {
      const rec = state.installed[m.id];
      const size = await sizeOrNull(this.fileOf(m.id));
      const installed = rec !== undefined && size !== null;
      models.push({
        id: m.id,
        fileName: m.fileName,
        approxBytes: m.approxBytes,
        languages: m.languages,
        speed: m.speed,
        quality: m.quality,
        installed,
        sizeBytes: installed ? size : null,
        partialBytes: (await sizeOrNull(`${this.fileOf(m.id)}.part`)) ?? 0,
        source: installed ? rec.source : null,
        sha256: installed ? rec.sha256 : null,
      });
    }
    const installedModels = models.filter((s) => s.installed).map((s) => this.model(s.id));
    // "Active" as the card shows it: the chosen one if installed, else the best installed for English.
    const active = state.chosen && installedModels.some((m) => m.id === state.chosen) ? state.chosen : (pickModel(installedModels, 'en', null)?.id ?? installedModels[0]?.id ?? null);
    // The choice as the user made it (null: "Best installed"), when the chosen model is still installed.
    const chosen = state.chosen && installedModels.some((m) => m.id === state.chosen) ? state.chosen : null;
    return { models, active, chosen };
  }

  /** The model file recognition uses for `language` (a named one, else the chosen, else the best installed). */
  async resolve(language: string, id?: ModelId): Promise<{ model: CatalogueModel; file: string }> {
    const { models } = await this.list();
    const installed = models.filter((s) => s.installed).map((s) => this.model(s.id));
    if (installed.length === 0) {
      throw new AppError('not_found', 'No speech-recognition model is installed. Download one in Settings → Captions models (base is a good start), or add a model file you already have.');
    }
    if (id) {
      const m = installed.find((x) => x.id === id);
      if (!m) throw new AppError('not_found', `The ${id} model is not installed. Download it in Settings → Captions models.`);
      if (m.languages === 'en' && language.split('-')[0]?.toLowerCase() !== 'en') throw new AppError('invalid_input', `The ${id} model understands English only. Choose a multilingual model (without ".en") for this language.`);
      return { model: m, file: this.fileOf(m.id) };
    }
    const m = pickModel(installed, language, (await this.state()).chosen);
    if (!m) throw new AppError('not_found', 'The installed models understand English only. Download a multilingual model (tiny, base or small) in Settings → Captions models for this language.');
    return { model: m, file: this.fileOf(m.id) };
  }

  async choose(id: ModelId | null): Promise<void> {
    const state = await this.state();
    if (id && !state.installed[id]) throw new AppError('not_found', `The ${id} model is not installed. Download it first.`);
    await this.save({ ...state, chosen: id });
  }

  /** Downloads a catalogue model (resuming an interrupted download) and records it once its checksum matched. */
  async download(id: ModelId, o: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void } = {}): Promise<ModelStatus> {
    const m = this.model(id);
    return this.exclusive(id, async () => {
      await fsp.mkdir(this.folder, { recursive: true });
      const r = await downloadFile({ url: modelUrl(this.o.baseUrl ?? DEFAULT_MODEL_BASE_URL, m), dest: this.fileOf(id), checksum: m.checksum, signal: o.signal, onProgress: o.onProgress, idleTimeoutMs: this.o.idleTimeoutMs });
      await this.record(id, { source: 'download', sha256: r.sha256, bytes: r.bytes });
      return this.statusOf(id);
    });
  }

  /**
   * "Use a file I already have": a ggml whisper file is copied into the models folder as this model (a copy, not a
   * link: the user may move or delete theirs). A file that matches the catalogue's checksum is as good as a
   * download; any other ggml file (a fine-tune, a quantised one) is taken as the user's choice.
   */
  async add(id: ModelId, source: string): Promise<ModelStatus> {
    return this.exclusive(id, async () => {
      await checkModelFile(source);
      await fsp.mkdir(this.folder, { recursive: true });
      const dest = this.fileOf(id);
      const tmp = `${dest}.adding`;
      try {
        await fsp.copyFile(source, tmp);
        const sums = await hashFile(tmp);
        await fsp.rename(tmp, dest);
        await fsp.rm(`${dest}.part`, { force: true });
        const m = this.model(id);
        const matches = sums[m.checksum.algorithm] === m.checksum.hex.toLowerCase();
        await this.record(id, { source: matches ? 'download' : 'file', sha256: sums.sha256, bytes: (await fsp.stat(dest)).size });
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        if (e instanceof AppError) throw e;
        throw new AppError('internal', `The model file could not be copied (${clause(errorMessage(e))}). Check the free space in ${this.folder} and try again.`);
      }
      return this.statusOf(id);
    });
  }

  /** Deletes a model (and any interrupted download of it); recognition then uses another installed one. */
  async remove(id: ModelId): Promise<void> {
    if (this.busy.has(id)) throw new AppError('conflict', `The ${id} model is being downloaded or added. Cancel that first.`);
    const state = await this.state();
    const { [id]: _gone, ...installed } = state.installed;
    await this.save({ chosen: state.chosen === id ? null : state.chosen, installed });
    for (const f of [this.fileOf(id), `${this.fileOf(id)}.part`]) await fsp.rm(f, { force: true });
  }

  private async statusOf(id: ModelId): Promise<ModelStatus> {
    return (await this.list()).models.find((s) => s.id === id)!;
  }

  private async exclusive<T>(id: ModelId, f: () => Promise<T>): Promise<T> {
    if (this.busy.has(id)) throw new AppError('conflict', `The ${id} model is already being downloaded or added. Wait for it, or cancel it.`);
    this.busy.add(id);
    try {
      return await f();
    } finally {
      this.busy.delete(id);
    }
  }

  private async record(id: ModelId, r: Omit<NonNullable<Record>, 'installedAt'>): Promise<void> {
    const state = await this.state();
    await this.save({ ...state, installed: { ...state.installed, [id]: { ...r, installedAt: (this.o.clock ?? (() => new Date()))().toISOString() } } });
  }

  private async state(): Promise<State> {
    try {
      return State.parse(JSON.parse(await fsp.readFile(path.join(this.folder, 'models.json'), 'utf8')));
    } catch {
      // Missing or damaged: nothing recorded (files without a record are not used; downloading again fixes it).
      return { chosen: null, installed: {} };
    }
  }

  private async save(state: State): Promise<void> {
    await fsp.mkdir(this.folder, { recursive: true });
    const file = path.join(this.folder, 'models.json');
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(state, null, 1));
    await fsp.rename(tmp, file);
  }
}

/** A user's file must be a regular file with the ggml header; anything else is refused before it is copied. */
export async function checkModelFile(file: string): Promise<void> {
  let st: fs.Stats;
  try {
    st = await fsp.stat(file);
  } catch {
    throw new AppError('not_found', `There is no file at ${file}. Choose the model file (ggml-….bin) again.`);
  }
  if (!st.isFile()) throw new AppError('invalid_input', `${path.basename(file)} is not a file. Choose a whisper.cpp model file (ggml-….bin).`);
  if (st.size < MODEL_MIN_BYTES) throw new AppError('invalid_input', `${path.basename(file)} is too small to be a model. Choose a whisper.cpp model file (ggml-….bin).`);
  const head = Buffer.alloc(4);
  const fh = await fsp.open(file, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (!hasGgmlMagic(head)) throw new AppError('invalid_input', `${path.basename(file)} is not a whisper.cpp model (it does not start with the ggml header). Choose a ggml-….bin file; other formats (PyTorch .pt, ONNX, GGUF) are not taken.`);
}

async function sizeOrNull(file: string): Promise<number | null> {
  try {
    const st = await fsp.stat(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}
