/** The line of visibility: customer-facing lanes above, backstage below (service blueprint). */
import { memo } from 'react';
import { useTranslation } from '../../i18n/useTranslation';

function VisibilityNodeView() {
  const { t } = useTranslation();
  return (
    <div className="visibility-node" data-testid="line-of-visibility">
      <span>{t('canvas.lineOfVisibility')}</span>
    </div>
  );
}

export const VisibilityNode = memo(VisibilityNodeView);
