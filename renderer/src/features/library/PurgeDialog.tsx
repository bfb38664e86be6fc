import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

export function PurgeDialog() {
  const ids = useStore((s) => s.purgeRequest);
  const requestPurge = useStore((s) => s.requestPurge);
  const purgeAssets = useStore((s) => s.purgeAssets);
  const close = () => requestPurge(null);
  return (
    <Dialog
      open={ids !== null}
      title={tn('purge.title', ids?.length ?? 0)}
      onClose={close}
      testId="purge-dialog"
      footer={
        <>
          <Button onClick={close} autoFocus>
            {t('action.cancel')}
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (ids) void purgeAssets(ids);
              close();
            }}
            data-testid="purge-confirm"
          >
            {t('action.deleteForever')}
          </Button>
        </>
      }
    >
      <p>{t('purge.body')}</p>
    </Dialog>
  );
}
