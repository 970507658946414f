/** A link to hand to someone: a read-only field that selects itself on focus, and a Copy button. */
import { useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';

export function CopyableLink({ id, url, testId }: { id: string; url: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="share-link">
      <input id={id} data-testid={testId} readOnly value={url} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopied(url);
          } catch {
            setCopied(null); // no clipboard permission: the field is selectable
          }
        }}
      >
        {copied === url ? t('share.copied') : t('share.copy')}
      </button>
    </div>
  );
}
