/**
 * Version history: save a named version ("before workshop"), see the named
 * and automatic ones, preview one read-only, restore one (as a new change on
 * top of the live map, so nobody loses their undo or offline edits).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { usePresence } from '../../sync/presence';
import { useSession } from '../../state/session';
import { relativeTime } from '../../i18n/relativeTime';
import { askConfirm } from '../../ui/askConfirm';
import { Modal } from '../../ui/Modal';
import { deleteVersion, listVersions, saveVersion, type Version } from './api';
import type { VersionList } from '../../model/versions';
import { DeleteIcon, Icon } from '../../icons';

const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0);

export function HistoryDialog({
  mapId,
  token,
  onPreview,
  onCompare,
  onClose,
}: {
  mapId: string;
  token: string | null;
  onPreview(version: Version): void;
  /** compare `from` with `to`, or with the map now when `to` is null (`from` is the older) */
  onCompare(from: Version, to: Version | null): void;
  onClose(): void;
}) {
  const { t, language } = useTranslation();
  const role = useSession((s) => s.role);
  const me = usePresence((s) => s.me.name);
  const [list, setList] = useState<VersionList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const canSave = role === 'editor';
  /** versions ticked for a compare, at most two (a third tick lets go of the first) */
  const [ticked, setTicked] = useState<string[]>([]);
  const toggle = (id: string) => setTicked((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id].slice(-2)));
  const compare = () => {
    const chosen = (list?.versions ?? []).filter((v) => ticked.includes(v.id)).sort((a, b) => a.createdAt - b.createdAt);
    if (chosen.length === 1) onCompare(chosen[0]!, null);
    else if (chosen.length === 2) onCompare(chosen[0]!, chosen[1]!);
  };

  const refresh = useCallback(() => {
    listVersions(mapId, token).then(setList, (err: Error) => setError(err.message));
  }, [mapId, token]);
  useEffect(refresh, [refresh]);

  return (
    <Modal title={t('history.title')} className="history" testId="history-dialog" onClose={onClose}>
      {canSave && (
        <form
          className="save-version"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!name.trim()) return;
            try {
              await saveVersion(mapId, token, name.trim(), me);
              setName('');
              setError(null);
              refresh();
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        >
          <input
            data-testid="version-name"
            value={name}
            maxLength={100}
            placeholder={t('history.namePlaceholder')}
            aria-label={t('history.name')}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('history.save')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p className="muted">{t('map.loading')}</p>}
      {list && list.versions.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {list && list.versions.length > 0 && (
        <div className="compare-bar">
          <span className="muted">{t('compare.hint')}</span>
          <button type="button" data-testid="compare-versions" className="primary" disabled={ticked.length === 0} onClick={compare}>
            {ticked.length === 2 ? t('compare.selected') : t('compare.withNow')}
          </button>
        </div>
      )}
      {list && list.versions.length > 0 && (
        <ul className="version-list">
          {list.versions.map((v) => (
            <li key={v.id} data-testid="version" data-kind={v.kind}>
              <input
                type="checkbox"
                className="compare-tick"
                data-testid="compare-tick"
                checked={ticked.includes(v.id)}
                aria-label={t('compare.selectVersion', { name: v.kind === 'named' ? v.name : t('history.auto') })}
                onChange={() => toggle(v.id)}
              />
              <div className="version-main">
                <strong>{v.kind === 'named' ? v.name : v.beforeRestoreOf ? t('history.beforeRestore') : t('history.auto')}</strong>
                <span className="muted">
                  {relativeTime(v.createdAt, Date.now(), language)}
                  {v.createdBy ? ` · ${v.createdBy}` : ''} · {t('history.cards', { count: v.cards })}
                </span>
              </div>
              <button type="button" data-testid="preview-version" onClick={() => onPreview(v)}>
                {t('history.preview')}
              </button>
              {canSave && v.kind === 'named' && (
                <button
                  type="button"
                  className="icon-btn danger"
                  aria-label={t('history.delete')}
                  onClick={async () => {
                    const yes = await askConfirm({
                      title: t('history.delete'),
                      message: t('history.confirmDelete', { name: v.name }),
                      confirmLabel: t('history.delete'),
                      danger: true,
                    });
                    if (!yes) return;
                    await deleteVersion(mapId, token, v.id).catch((err: Error) => setError(err.message));
                    refresh();
                  }}
                >
                  <Icon icon={DeleteIcon} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {list && (
        <p className="muted storage">
          {t('history.storage', { used: megabytes(list.storage.bytes), limit: megabytes(list.storage.limit) })}
        </p>
      )}
    </Modal>
  );
}
