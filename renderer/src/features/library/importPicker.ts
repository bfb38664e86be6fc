import { shell } from '../../api/client';
import { useStore } from '../../store';

/** The Toolbar's hidden `<input type=file multiple>` (browser mode). */
export const IMPORT_INPUT_ID = 'import-file-input';

/** "Import…": the native picker in Electron (paths go straight to the engine), the file input in a browser. */
export function openImportPicker(): void {
  if (shell === 'electron') void useStore.getState().startNativeImport();
  else document.getElementById(IMPORT_INPUT_ID)?.click();
}
