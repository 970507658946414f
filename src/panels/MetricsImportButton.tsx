/** "Import metrics (CSV)" for editors; the dialog (and the CSV parser) load on first use. */
import { useTranslation } from '../i18n/useTranslation';
import { useCanEdit } from '../state/session';
import { LazyDialogButton } from '../ui/LazyDialogButton';

const loadDialog = () => import('./MetricsImportDialog').then((m) => ({ default: m.MetricsImportDialog }));

export function MetricsImportButton() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  if (!canEdit) return null;
  return (
    <LazyDialogButton load={loadDialog} testId="import-metrics-button">
      {t('metrics.import.button')}
    </LazyDialogButton>
  );
}
