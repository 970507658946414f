/**
 * A toolbar button whose dialog is a lazy chunk, loaded on first hover or
 * click. A chunk that cannot load (offline on a device that never had it,
 * or replaced by a newer deployment) says so in a small dialog instead of
 * taking the page down, and the next click tries again.
 */
import { lazy, Suspense, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Modal } from './Modal';

export type DialogModule = { default: ComponentType<{ onClose(): void }> };

/** The script a failed dynamic import names ("Failed to fetch dynamically imported module: <url>"). */
const failedScript = (err: unknown): string | null => /(https?:\/\/\S+?\.js)\b/.exec(String(err))?.[1] ?? null;

/**
 * Chromium keeps an import() that failed failed for the life of the page, so
 * a retry asks for the same file under another URL (a leaf chunk: the
 * shared chunks it imports are the ones already loaded).
 */
const importAgain = (script: string, attempt: number) => import(/* @vite-ignore */ `${script}?attempt=${attempt}`) as Promise<DialogModule>;

function LoadFailed({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('lazyDialog.failedTitle')} testId="dialog-load-failed" onClose={onClose}>
      <p role="alert">{t('lazyDialog.failed')}</p>
    </Modal>
  );
}

export function LazyDialogButton({ load, testId, children }: { load: () => Promise<DialogModule>; testId: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const failed = useRef(false);
  const failedUrl = useRef<string | null>(null);
  const Dialog = useMemo(
    () =>
      lazy(() =>
        (failedUrl.current ? importAgain(failedUrl.current, attempt) : load()).catch((err: unknown): DialogModule => {
          failed.current = true;
          failedUrl.current ??= failedScript(err);
          return { default: LoadFailed };
        }),
      ),
    // A new attempt makes a new lazy component: React keeps a loaded one for good.
    [load, attempt],
  );
  return (
    <>
      <button
        type="button"
        data-testid={testId}
        // Hovering starts the download, so the dialog is usually there by the click.
        onPointerEnter={() => void load().catch(() => undefined)}
        onClick={() => {
          if (failed.current) {
            failed.current = false;
            setAttempt((n) => n + 1);
          }
          setOpen(true);
        }}
      >
        {children}
      </button>
      {open && (
        <Suspense fallback={null}>
          <Dialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
