/** The toolbar's Export button. The dialog loads on first use, and the renderer behind it (pdf-lib, fontkit) on the first picture export. */
import { useTranslation } from '../i18n/useTranslation';
import { LazyDialogButton } from '../ui/LazyDialogButton';
import { ExportIcon, Icon } from '../icons';

const loadDialog = () => import('./ExportDialog');

export function ExportButton() {
  const { t } = useTranslation();
  return (
    <LazyDialogButton load={loadDialog} testId="export-button">
      <Icon icon={ExportIcon} /> {t('export.button')}
    </LazyDialogButton>
  );
}
