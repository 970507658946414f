/**
 * The map's three share links (edit, comment, view) with copy buttons, and
 * "rotate" to revoke them all: everyone who came in by an old link is
 * disconnected and needs a new one. On an open workspace the dialog says
 * that the links do not limit anything: anyone who reaches the server edits.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { getLinks, getSession, rotateLinks, type ShareLinks } from './access';
import { CopyableLink } from './CopyableLink';
import { useSession } from '../state/session';
import { askConfirm } from '../ui/askConfirm';
import { Modal } from '../ui/Modal';

const KINDS = ['edit', 'comment', 'view'] as const;

export function ShareDialog({ mapId, onClose }: { mapId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [links, setLinks] = useState<ShareLinks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openWorkspace, setOpenWorkspace] = useState(false);

  useEffect(() => {
    let current = true;
    getLinks(mapId).then(
      (l) => current && setLinks(l),
      (err: Error) => current && setError(err.message),
    );
    getSession().then(
      (s) => current && setOpenWorkspace(s.mode === 'open'),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [mapId]);

  return (
    <Modal title={t('share.title')} className="share" testId="share-dialog" onClose={onClose}>
      {openWorkspace && (
        <p className="warning" role="note" data-testid="open-workspace-warning">
          {t('share.openWorkspace')}
        </p>
      )}
      {error && <p className="error">{t('share.error', { message: error })}</p>}
      {!links && !error && <p className="muted">{t('map.loading')}</p>}
      {links &&
        KINDS.map((kind) => (
          <div className="share-row" key={kind}>
            <label htmlFor={`share-${kind}`}>
              <strong>{t(`share.${kind}`)}</strong> <span className="muted">{t(`share.${kind}Hint`)}</span>
            </label>
            <CopyableLink id={`share-${kind}`} url={links[kind]} testId={`share-link-${kind}`} />
          </div>
        ))}
      {links && (
        <div className="share-rotate">
          <p className="muted">{t('share.rotateHint')}</p>
          <button
            type="button"
            className="danger"
            data-testid="rotate-links"
            onClick={async () => {
              const yes = await askConfirm({
                title: t('share.rotate'),
                message: t('share.rotateConfirm'),
                confirmLabel: t('share.rotateOk'),
                danger: true,
              });
              if (!yes) return;
              try {
                setLinks(await rotateLinks(mapId));
              } catch (err) {
                setError((err as Error).message);
              }
            }}
          >
            {t('share.rotate')}
          </button>
        </div>
      )}
    </Modal>
  );
}

/** The toolbar's Share button (editors only: links are the workspace's to hand out). */
export function ShareButton({ mapId }: { mapId: string }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.role);
  const [open, setOpen] = useState(false);
  if (role !== 'editor') return null;
  return (
    <>
      <button type="button" className="primary" data-testid="share" onClick={() => setOpen(true)}>
        {t('share.button')}
      </button>
      {open && <ShareDialog mapId={mapId} onClose={() => setOpen(false)} />}
    </>
  );
}
