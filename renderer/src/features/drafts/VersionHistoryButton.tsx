import { useState } from 'react';
import { t } from '../../i18n';
import { IconButton } from '../../ui/Button';
import { HistoryIcon } from '../../ui/icons';
import { VersionHistoryDialog } from './VersionHistoryDialog';

/** "Version history…" for an open draft (the video and the image editor's header) and for a row of the Drafts list. */
export function VersionHistoryButton({ draftId, name, listedRevision = null, size = 'md' }: { draftId: string | null; name: string; listedRevision?: number | null; size?: 'sm' | 'md' }) {
  const [open, setOpen] = useState(false);
  // A new dialog for each opening (none before the first): it loads the list then, without the last one's choice or error.
  const [opening, setOpening] = useState(0);
  if (!draftId) return null;
  const show = () => {
    setOpening((n) => n + 1);
    setOpen(true);
  };
  // Events inside the dialog must not reach the Drafts row around it (a double-click there opens the draft).
  return (
    <span className="vh-anchor" onDoubleClick={(e) => e.stopPropagation()}>
      <IconButton size={size} label={t('history.open')} icon={<HistoryIcon size={size === 'sm' ? 16 : 18} />} onClick={show} data-testid="history-button" />
      {opening > 0 && <VersionHistoryDialog key={opening} open={open} onClose={() => setOpen(false)} draftId={draftId} name={name} listedRevision={listedRevision} />}
    </span>
  );
}
