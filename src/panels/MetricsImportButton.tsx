/** "Import metrics (CSV)" for editors; the dialog (and the CSV parser) load on first use. */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../state/session';

const MetricsImportDialog = lazy(() => import('./MetricsImportDialog').then((m) => ({ default: m.MetricsImportDialog })));

export function MetricsImportButton() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [open, setOpen] = useState(false);
  if (!canEdit) return null;
  return (
    <>
      <button type="button" data-testid="import-metrics-button" onClick={() => setOpen(true)}>
        {t('metrics.import.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <MetricsImportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
