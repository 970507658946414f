/** The toolbar's Export button. The dialog and everything behind it load on first use. */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

const loadDialog = () => import('./ExportDialog');
const ExportDialog = lazy(loadDialog);

export function ExportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* Hovering starts the download, so the dialog is usually there by the click. */}
      <button type="button" data-testid="export-button" onPointerEnter={() => void loadDialog()} onClick={() => setOpen(true)}>
        ⤓ {t('export.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
