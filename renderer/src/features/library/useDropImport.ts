import { useCallback, useRef, useState, type DragEvent } from 'react';
import { errorText } from '../../api/client';
import { readDrop } from '../../api/importFiles';
import { t } from '../../i18n';
import { useStore } from '../../store';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes('Files');
}

/**
 * Drop-anywhere import for the Library. A depth counter makes dragenter/dragleave pairs from child elements
 * cancel out, so the overlay does not flicker while the pointer moves over the grid.
 */
export function useDropImport() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const startImport = useStore((s) => s.startImport);
  const showToast = useStore((s) => s.showToast);

  const onDragEnter = useCallback((e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth.current += 1;
    setDragging(true);
  }, []);
  const onDragOver = useCallback((e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDragLeave = useCallback((e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      // readDrop captures the entries synchronously; the walk continues after the event.
      readDrop(e.dataTransfer).then(startImport, (err: unknown) =>
        showToast({ message: t('import.readFailed', { reason: errorText(err) }), tone: 'error' }),
      );
    },
    [startImport, showToast],
  );

  return { dragging, dropHandlers: { onDragEnter, onDragOver, onDragLeave, onDrop } };
}
