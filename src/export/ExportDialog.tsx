/**
 * The Export dialog: format and options, then a run with progress that can
 * be cancelled. Loaded on demand (ExportButton imports it lazily); a picture
 * export loads the renderer on top when it runs (runExport.ts).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useStoreApi, useReactFlow } from '@xyflow/react';
import { useTranslation } from '../i18n/useTranslation';
import { useOpenMap } from '../state/mapContext';
import { Modal } from '../ui/Modal';
import { useSession } from '../state/session';
import { usePresence } from '../sync/presence';
import { saveFile } from './download';
import type { Background, Paper } from './pictureLayout';
import { STATE_VIEWS, type StateView } from '../model/cardState';
import { EXPORT_STEPS, FORMATS, runExport, type ExportStep, type Format } from './runExport';
import { visibleFlowRect, type Scope } from './scope';
import './export.css';

const testId = (f: Format) => `export-format-${f.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

/** A row of radio buttons for one option; test ids are `export-<name>-<option>`. */
function Choices<T extends string>(props: {
  name: string;
  label: string;
  options: readonly T[];
  value: T;
  onChange(value: T): void;
  optionLabel(value: T): string;
  disabled?(value: T): boolean;
  children?: ReactNode;
}) {
  const { name, label, options, value, onChange, optionLabel, disabled, children } = props;
  return (
    <div className="export-row" role="radiogroup" aria-label={label}>
      <span>{label}</span>
      {options.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            checked={value === option}
            disabled={disabled?.(option)}
            onChange={() => onChange(option)}
            data-testid={`export-${name}-${option}`}
          />
          {optionLabel(option)}
        </label>
      ))}
      {children}
    </div>
  );
}

export default function ExportDialog({ onClose }: { onClose(): void }) {
  const { t, language } = useTranslation();
  const map = useOpenMap();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const selectedCount = useSession((s) => s.selectedIds.size);
  const [format, setFormat] = useState<Format>('png');
  const [scope, setScope] = useState<Scope>('map');
  const [comments, setComments] = useState(true);
  const [background, setBackground] = useState<Background>('white');
  const [paper, setPaper] = useState<Paper>('fit');
  const [summary, setSummary] = useState(true);
  // A picture shows the state the canvas shows, unless another is chosen here.
  const [states, setStates] = useState<StateView>(() => useSession.getState().stateView);
  const [step, setStep] = useState<ExportStep | null>(null);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(async () => {
    const controller = new AbortController();
    running.current = controller;
    setMessage(null);
    const started = performance.now();
    // Shown at once: the step that follows may hold the page until it is done.
    const job = { signal: controller.signal, onProgress: (next: ExportStep) => flushSync(() => setStep(next)) };
    try {
      const { width, height } = flowStore.getState();
      const context = {
        map,
        view: visibleFlowRect(flow.getViewport(), { width, height }),
        selectedIds: useSession.getState().selectedIds,
        t,
        locale: language,
        author: usePresence.getState().me.name,
        drawingView: { states, hiddenCurveLines: [...useSession.getState().hiddenCurveLines] },
      };
      const result = await runExport({ format, scope, comments, background, paper, summary }, context, job);
      saveFile(result.file.blob, result.file.name);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      setMessage({ kind: 'done', text: `${result.done} (${t('export.seconds', { seconds })})` });
    } catch (err) {
      if (controller.signal.aborted) setMessage({ kind: 'error', text: t('export.cancelled') });
      else setMessage({ kind: 'error', text: t('export.failed', { reason: err instanceof Error ? err.message : String(err) }) });
    } finally {
      running.current = null;
      setStep(null);
    }
  }, [map, flow, flowStore, format, scope, background, comments, paper, summary, states, t, language]);

  const busy = step !== null;
  return (
    <Modal
      title={t('export.title')}
      className="export-dialog"
      testId="export-dialog"
      onClose={() => (busy ? running.current?.abort() : onClose())}
    >
      <fieldset disabled={busy}>
        <legend>{t('export.format')}</legend>
        <div className="export-formats" role="radiogroup">
          {FORMATS.map((f) => (
            <label key={f} className={format === f ? 'is-on' : ''}>
              <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} data-testid={testId(f)} />
              <strong>{t(`export.formats.${f}.name`)}</strong>
              <span className="muted">{t(`export.formats.${f}.hint`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={busy} className="export-options">
        <legend>{t('export.options')}</legend>
        {format === 'png' && (
          <Choices<Scope>
            name="scope"
            label={t('export.scope')}
            options={['map', 'selection', 'view'] as const}
            value={scope}
            onChange={setScope}
            optionLabel={(s) => t(`export.scopes.${s}`, { count: selectedCount })}
            disabled={(s) => s === 'selection' && selectedCount === 0}
          />
        )}
        {format === 'png' && (
          <Choices<Background>
            name="background"
            label={t('export.background')}
            options={['white', 'transparent'] as const}
            value={background}
            onChange={setBackground}
            optionLabel={(b) => t(`export.backgrounds.${b}`)}
          />
        )}
        {format === 'pdf' && (
          <Choices<Paper>
            name="paper"
            label={t('export.paper')}
            options={['fit', 'a4', 'a3'] as const}
            value={paper}
            onChange={setPaper}
            optionLabel={(p) => t(`export.papers.${p}`)}
          >
            <span className="export-hint muted">{t(`export.paperHints.${paper === 'fit' ? 'fit' : 'print'}`)}</span>
          </Choices>
        )}
        {(format === 'png' || format === 'pdf') && (
          <Choices<StateView>
            name="states"
            label={t('states.exportState')}
            options={STATE_VIEWS}
            value={states}
            onChange={setStates}
            optionLabel={(v) => t(`states.${v}`)}
          />
        )}
        {format === 'pdf' && (
          <div className="export-row">
            <label>
              <input type="checkbox" checked={summary} onChange={(e) => setSummary(e.target.checked)} data-testid="export-summary" />
              {t('export.summaryPage')}
            </label>
          </div>
        )}
        <div className="export-row">
          <label>
            <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} data-testid="export-comments" />
            {t(`export.includeComments.${format === 'png' ? 'image' : format === 'pdf' ? 'pdf' : format === 'json' ? 'json' : 'csv'}`)}
          </label>
        </div>
      </fieldset>
      {busy && (
        <div className="export-progress" data-testid="export-progress" role="status">
          <progress max={EXPORT_STEPS.length} value={EXPORT_STEPS.indexOf(step)} />
          <span>{t(`export.steps.${step}`)}</span>
        </div>
      )}
      {message && (
        <p
          className={message.kind === 'error' ? 'error' : 'export-done'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid={`export-${message.kind}`}
        >
          {message.text}
        </p>
      )}
      <footer className="export-actions">
        {busy ? (
          <button type="button" onClick={() => running.current?.abort()} data-testid="export-cancel">
            {t('export.cancel')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} data-testid="export-close">
              {t('export.close')}
            </button>
            <button type="button" className="primary" onClick={() => void run()} data-testid="export-run">
              {t('export.run')}
            </button>
          </>
        )}
      </footer>
    </Modal>
  );
}
