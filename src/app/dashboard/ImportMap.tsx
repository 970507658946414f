/**
 * "Import": a map file (the JSON export, src/model/exchange/mapFile.ts) from
 * disk becomes a new map, which opens. A file that cannot be imported gets a
 * dialog saying what is wrong and where; nothing is created and the
 * dashboard stays as it was.
 */
import { useCallback, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { parseJsonText } from '../../model/exchange/mapFileJson';
import { Modal } from '../../ui/Modal';
import { ApiError, importMapApi, type ApiIssue } from '../api';
import { mapPath, navigate } from '../router';
import { rememberFreshMap } from './freshMap';
import '../../panels/panels.css';

type Failure = { kind: 'invalid' | 'notJson' | 'tooLarge'; issues: readonly ApiIssue[] } | { kind: 'failed'; message: string };

function failureOf(err: unknown): Failure {
  if (err instanceof ApiError && err.status === 413) return { kind: 'tooLarge', issues: [{ path: '', message: err.message }] };
  if (err instanceof ApiError && err.status === 400 && err.issues.length > 0) return { kind: 'invalid', issues: err.issues };
  // Anything else (signed out, the server unreachable): say what happened.
  return { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
}

export function ImportMapButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const close = useCallback(() => setFailure(null), []);

  const importFile = async (file: File) => {
    setBusy(true);
    setFailure(null);
    try {
      const text = await file.text();
      // Caught here, not uploaded: the same check and wording the server would answer with.
      const json = parseJsonText(text);
      if (!json.ok) return setFailure({ kind: 'notJson', issues: [json.issue] });
      const { id } = await importMapApi(text);
      rememberFreshMap(id);
      navigate(mapPath(id));
    } catch (err) {
      setFailure(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // so picking the same file again (after fixing it) fires again
    if (file) void importFile(file);
  };

  /** `cards.abc123.laneId` as `cards › abc123 › laneId`; the file itself has no path. */
  const readablePath = (path: string) => (path === '' ? t('dashboard.import.wholeFile') : path.split('.').join(' › '));

  return (
    <>
      <button
        type="button"
        data-testid="import-map-button"
        title={t('dashboard.import.hint')}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy ? t('dashboard.import.busy') : t('dashboard.import.button')}
      </button>
      <input ref={input} type="file" accept=".json,application/json" hidden data-testid="import-map-input" onChange={onPick} />
      {failure && (
        <Modal title={t('dashboard.import.failedTitle')} className="import-issues" testId="import-issues" onClose={close}>
          <p role="alert">
            {failure.kind === 'failed' ? t('dashboard.import.failed', { message: failure.message }) : t(`dashboard.import.${failure.kind}`)}
          </p>
          {failure.kind !== 'failed' && (
            <ol className="import-issue-list">
              {failure.issues.map((issue, i) => (
                <li key={i} data-path={issue.path}>
                  <code className="import-issue-path">{readablePath(issue.path)}</code>
                  <span className="import-issue-reason">{issue.message}</span>
                </li>
              ))}
            </ol>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                close();
                input.current?.click();
              }}
            >
              {t('dashboard.import.chooseAnother')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
