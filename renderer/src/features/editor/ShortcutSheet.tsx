import { t, type MessageKey } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export const shortcuts: { keys: string[]; action: MessageKey }[] = [
  { keys: ['Space'], action: 'keys.playPause' },
  { keys: ['J'], action: 'keys.back' },
  { keys: ['K'], action: 'keys.stop' },
  { keys: ['L'], action: 'keys.forward' },
  { keys: ['←', '→'], action: 'keys.frame' },
  { keys: ['Shift+←', 'Shift+→'], action: 'keys.second' },
  { keys: ['Home', 'End'], action: 'keys.startEnd' },
  { keys: ['I'], action: 'keys.in' },
  { keys: ['O'], action: 'keys.out' },
  { keys: ['S'], action: 'keys.split' },
  { keys: ['F'], action: 'keys.freeze' },
  { keys: ['D'], action: 'keys.keyframe' },
  { keys: ['[', ']'], action: 'keys.keyframeStep' },
  { keys: ['←', '→', 'Shift+←', 'Shift+→', 'Delete'], action: 'keys.keyframeLane' },
  { keys: ['↑', '↓', 'Shift+↑', 'Shift+↓'], action: 'keys.curveSpeed' },
  { keys: ['←', '→', 'Shift+←', 'Shift+→'], action: 'keys.curveMove' },
  { keys: ['Delete'], action: 'keys.curveDelete' },
  { keys: ['double-click'], action: 'keys.curveAdd' },
  { keys: ['B', 'Shift+B'], action: 'keys.beat' },
  { keys: ['Delete'], action: 'keys.delete' },
  { keys: [`${mod}+Z`], action: 'keys.undo' },
  { keys: [`Shift+${mod}+Z`], action: 'keys.redo' },
  { keys: ['+', '−'], action: 'keys.zoom' },
  { keys: [`${mod}+wheel`], action: 'keys.wheelZoom' },
  { keys: ['←', '→', 'Shift+←', 'Shift+→'], action: 'keys.cueNudge' },
  { keys: ['↑', '↓'], action: 'keys.cueStep' },
  { keys: ['Shift+drag', 'Alt+drag'], action: 'keys.cueShift' },
  { keys: ['?'], action: 'keys.sheet' },
  { keys: ['Tab', 'Shift+Tab'], action: 'keys.dmSelect' },
  { keys: ['↑ ↓ ← →', 'Shift+arrows'], action: 'keys.dmNudge' },
  { keys: ['Shift+corner drag'], action: 'keys.dmScale' },
  { keys: ['Alt+drag'], action: 'keys.dmMove' },
  { keys: [',', '.', 'Shift+,', 'Shift+.'], action: 'keys.dmRotate' },
  { keys: ['Enter', 'double-click'], action: 'keys.dmEdit' },
  { keys: ['↑ ↓ ← →', 'Shift+arrows', 'Enter', 'Esc'], action: 'keys.keyPick' },
  { keys: ['Enter', 'F2'], action: 'keys.cueEdit' },
  { keys: ['↑', '↓'], action: 'keys.cueMove' },
  { keys: ['S'], action: 'keys.cueSplit' },
  { keys: ['M'], action: 'keys.cueMerge' },
  { keys: ['Delete'], action: 'keys.cueDelete' },
  { keys: ['N'], action: 'keys.cueAdd' },
  { keys: ['Enter', 'Shift+Enter', 'Esc'], action: 'keys.cueText' },
];

/** A list of shortcuts in a dialog: the video editor's by default, the image editor passes its own ({mod}: Ctrl or ⌘). */
export function ShortcutSheet({ open, onClose, list = shortcuts, testId = 'shortcut-sheet' }: { open: boolean; onClose: () => void; list?: { keys: string[]; action: MessageKey }[]; testId?: string }) {
  return (
    <Dialog
      open={open}
      title={t('keys.title')}
      onClose={onClose}
      testId={testId}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('action.close')}
        </Button>
      }
    >
      <dl className="shortcuts">
        {list.map((s) => (
          <div key={s.action} className="shortcuts__row">
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{k.replaceAll('{mod}', mod)}</kbd>
              ))}
            </dt>
            <dd>{t(s.action)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
