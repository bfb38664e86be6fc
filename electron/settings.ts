import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RecentLibrary } from './model/library';

const Settings = z.object({
  recent: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })).default([]),
});
type Settings = z.infer<typeof Settings>;

const MAX_RECENT = 10;

/** Postframe's own small settings file (recent libraries), kept apart from any library. */
export class SettingsStore {
  private readonly file: string;
  constructor(dir: string) {
    this.file = path.join(dir, 'settings.json');
  }

  read(): Settings {
    try {
      return Settings.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return { recent: [] };
    }
  }

  recent(): RecentLibrary[] {
    return this.read().recent.filter((r) => fs.existsSync(path.join(r.path, 'library.sqlite')));
  }

  lastLibrary(): string | null {
    return this.recent()[0]?.path ?? null;
  }

  remember(libraryPath: string): void {
    const s = this.read();
    const entry = { path: libraryPath, name: path.basename(libraryPath), openedAt: new Date().toISOString() };
    s.recent = [entry, ...s.recent.filter((r) => r.path !== libraryPath)].slice(0, MAX_RECENT);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write-then-rename so a crash never leaves a half-written settings file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(s, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
