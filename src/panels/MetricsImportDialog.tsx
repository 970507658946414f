/**
 * Import KPI values from a CSV file (an analytics or CRM export): pick a file,
 * see what would change and which rows do not fit and why, then Apply (one
 * undo step) or Cancel. Nothing is written before Apply. The plan is redone
 * whenever the map changes, so the preview's "old" values are always the
 * current ones, even while colleagues edit.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import type { TFunction } from '../i18n/translate';
import { decodeCsvBytes, MAX_CSV_BYTES, parseCsv, writeCsv, type CsvError, type CsvTable } from '../model/exchange/csv';
import {
  applyMetricsImport,
  METRICS_COLUMNS,
  planChangesSomething,
  planMetricsImport,
  type KpiValues,
  type MetricsCreate,
  type MetricsImportResult,
  type MetricsUnmatched,
  type MetricsUpdate,
} from '../model/exchange/metricsImport';
import type { MapSnapshot } from '../model/live';
import { checkRoom } from '../model/writeChecks';
import { tryCommand } from '../state/tryCommand';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { formatKpiValue } from '../model/journey';
import { useCanEdit } from '../state/session';
import { Modal } from '../ui/Modal';
import './metricsImport.css';
import { CloseIcon, Icon } from '../icons';

interface Source {
  table: CsvTable;
  encoding: 'utf-8' | 'gb18030' | 'windows-1252';
}

/** How long the summary stays after Apply before the dialog reports itself closed. */
const SUMMARY_MS = 6000;

export function MetricsImportDialog({ onClose }: { onClose: () => void }) {
  const { t, language } = useTranslation();
  const { doc, undo } = useOpenMap();
  const snapshot = useSnapshot();
  const canEdit = useCanEdit();
  const [fileName, setFileName] = useState<string | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  /** the latest file picked: a slow read of an earlier one must not win */
  const reading = useRef(0);

  const plan = useMemo(() => (source ? planMetricsImport(source.table, snapshot) : null), [source, snapshot]);

  // The parent may pass a new onClose on every render; the summary's timer must not restart for it.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    if (summary === null) return;
    const timer = setTimeout(() => closeRef.current(), SUMMARY_MS);
    return () => clearTimeout(timer);
  }, [summary]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so choosing the same file again (after fixing it) reads it again.
    e.target.value = '';
    if (!file) return;
    const ticket = ++reading.current;
    setFileName(file.name);
    setSource(null);
    setError(null);
    if (file.size > MAX_CSV_BYTES) return setError(csvErrorText(t, { code: 'tooLarge', limit: MAX_CSV_BYTES }));
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      if (ticket === reading.current) setError(t('metrics.import.errors.read'));
      return;
    }
    if (ticket !== reading.current) return;
    // Spreadsheets that do not save UTF-8 use the system's code page: GBK on a Chinese Windows.
    const decoded = decodeCsvBytes(bytes, language === 'zh-CN' ? 'gb18030' : 'windows-1252');
    if (!decoded.ok) return setError(csvErrorText(t, decoded.error));
    const parsed = parseCsv(decoded.text);
    if (!parsed.ok) return setError(csvErrorText(t, parsed.error));
    setSource({ table: parsed, encoding: decoded.encoding });
  };

  const apply = () => {
    if (!plan) return;
    // Its own undo step: not merged with an edit made just before or after.
    undo.stopCapturing();
    const result: MetricsImportResult | undefined = tryCommand(() => {
      // All of the plan's new cards or none: applyMetricsImport adds them one by one, so the room is checked first.
      checkRoom(doc, 'cards', plan.creates.length);
      return applyMetricsImport(doc, plan);
    });
    undo.stopCapturing();
    if (!result) return; // refused: the notice says why
    setSummary(
      t('metrics.import.summary', {
        updated: result.updated,
        created: result.created,
        unmatched: plan.unmatched.length + result.skipped,
      }),
    );
  };

  if (summary !== null) {
    return (
      <div className="metrics-summary" role="status" data-testid="metrics-summary">
        <span>{summary}</span>
        <button type="button" className="icon-btn" aria-label={t('metrics.import.close')} onClick={onClose}>
          <Icon icon={CloseIcon} />
        </button>
      </div>
    );
  }

  const stageName = new Map(snapshot.stages.map((s) => [s.id, s.name]));
  const planned: (MetricsUpdate | MetricsCreate)[] = plan
    ? [...plan.updates, ...plan.creates].sort((a, b) => a.rowNumber - b.rowNumber)
    : [];

  return (
    <Modal title={t('metrics.import.title')} className="metrics-import" testId="metrics-import-dialog" onClose={onClose}>
      <p className="metrics-intro">{t('metrics.import.intro')}</p>
      <p className="muted metrics-columns">{t('metrics.import.columns')}</p>
      <details className="metrics-example">
        <summary>{t('metrics.import.example')}</summary>
        <pre>{exampleCsv(t, snapshot)}</pre>
      </details>

      {!canEdit ? (
        <p className="error" role="alert">
          {t('metrics.import.readOnly')}
        </p>
      ) : (
        <div className="metrics-file">
          {/* The browser's own file button speaks the browser's language, not the UI's: ours is a label. */}
          <label className="metrics-file-button">
            <input
              type="file"
              className="visually-hidden"
              accept=".csv,.txt,text/csv,text/plain"
              data-testid="metrics-import-input"
              onChange={(e) => void onFile(e)}
            />
            {t('metrics.import.choose')}
          </label>
          <span className="muted">{fileName ?? t('metrics.import.noFile')}</span>
        </div>
      )}

      {error && (
        <p className="error" role="alert" data-testid="metrics-error">
          {error}
        </p>
      )}

      {source && plan && (
        <>
          <p className="muted">{t('metrics.import.file', { count: Math.max(0, source.table.rows.length - 1) })}</p>
          {source.encoding !== 'utf-8' && (
            <p className="metrics-warning">{t('metrics.import.readAs', { encoding: t(`metrics.import.encodings.${source.encoding}`) })}</p>
          )}
          {plan.missingColumns.length > 0 ? (
            <p className="error" role="alert" data-testid="metrics-missing-columns">
              {t('metrics.import.missingColumns', {
                columns: plan.missingColumns.map((c) => t(`metrics.import.columnNames.${c}`)).join(t('metrics.csv.listSeparator')),
              })}
            </p>
          ) : (
            <>
              <h3>{t('metrics.import.preview')}</h3>
              {planned.length === 0 ? (
                <p className="muted">{t('metrics.import.nothing')}</p>
              ) : (
                <div className="metrics-table-wrap">
                  <table className="metrics-preview" data-testid="metrics-preview">
                    <thead>
                      <tr>
                        {(['row', 'stage', 'touchpoint', 'metric', 'value', 'action'] as const).map((c) => (
                          <th key={c} scope="col">
                            {t(`metrics.import.col.${c}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {planned.map((p) => (
                        <PreviewRow key={p.rowNumber} entry={p} stage={stageName.get(p.stageId) ?? p.row.stage} t={t} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
          {plan.unmatched.length > 0 && (
            <section className="metrics-unmatched">
              <h3>{t('metrics.import.unmatched', { count: plan.unmatched.length })}</h3>
              <ul data-testid="metrics-unmatched">
                {plan.unmatched.map((u) => (
                  <li key={`${u.rowNumber}-${u.reason}`} data-row={u.rowNumber} data-reason={u.reason}>
                    <strong>{t('metrics.import.row', { row: u.rowNumber })}</strong>: {reasonText(t, u)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}

      <div className="metrics-actions">
        <button type="button" onClick={onClose}>
          {t('metrics.import.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="metrics-apply"
          disabled={!canEdit || !plan || !planChangesSomething(plan)}
          onClick={apply}
        >
          {t('metrics.import.apply')}
        </button>
      </div>
    </Modal>
  );
}

function PreviewRow({ entry, stage, t }: { entry: MetricsUpdate | MetricsCreate; stage: string; t: TFunction }) {
  const isUpdate = 'cardId' in entry;
  const from: KpiValues = isUpdate ? entry.before : {};
  const to: KpiValues = isUpdate ? entry.after : entry.fields;
  const action = !isUpdate ? t('metrics.import.create') : entry.unchanged ? t('metrics.import.noChange') : t('metrics.import.update');
  return (
    <tr data-row={entry.rowNumber} data-action={isUpdate ? (entry.unchanged ? 'unchanged' : 'update') : 'create'}>
      <td className="num">{entry.rowNumber}</td>
      <td>{stage}</td>
      <td>{entry.row.touchpoint}</td>
      <td>{isUpdate ? entry.metric : entry.fields.metric}</td>
      <td>
        {isUpdate && <span className="metrics-old">{formatKpiValue(from.value, from.unit)} → </span>}
        <span className="metrics-new">{formatKpiValue(to.value, to.unit)}</span>
        {to.target !== undefined && to.target !== from.target && (
          <span className="metrics-target">
            {' '}
            ({t('metrics.import.targetChange', { from: formatKpiValue(from.target, from.unit), to: formatKpiValue(to.target, to.unit) })})
          </span>
        )}
      </td>
      <td className={`metrics-action is-${isUpdate ? (entry.unchanged ? 'unchanged' : 'update') : 'create'}`}>{action}</td>
    </tr>
  );
}

function reasonText(t: TFunction, u: MetricsUnmatched): string {
  const vars = {
    stage: u.row.stage,
    metric: u.row.metric,
    touchpoint: u.row.touchpoint,
    n: u.candidates ?? 0,
    later: u.supersededBy ?? 0,
    column: u.column ? t(`metrics.import.columnNames.${u.column}`) : '',
    text: u.column ? u.row[u.column] : '',
  };
  if (u.reason === 'ambiguous') {
    const which = u.column === 'stage' ? 'Stage' : u.column === 'touchpoint' ? 'Touchpoint' : 'Metric';
    return t(`metrics.import.reasons.ambiguous${which}`, vars);
  }
  return t(`metrics.import.reasons.${u.reason}`, vars);
}

function csvErrorText(t: TFunction, error: CsvError): string {
  return t(`metrics.import.errors.${error.code}`, {
    mb: Math.round((error.limit ?? MAX_CSV_BYTES) / (1024 * 1024)),
    limit: error.limit ?? 0,
    row: error.row ?? 0,
  });
}

/** The header in the reader's language (both languages are understood) and a row from this map, if it has a KPI. */
function exampleCsv(t: TFunction, snapshot: MapSnapshot): string {
  const header = METRICS_COLUMNS.map((c) => t(`metrics.import.columnNames.${c}`));
  const kpiLanes = new Set(snapshot.lanes.filter((l) => l.kind === 'kpis').map((l) => l.id));
  const kpi = snapshot.cards.find((c) => kpiLanes.has(c.laneId) && c.metric && snapshot.stages.some((s) => s.id === c.stageId));
  const stage = kpi && snapshot.stages.find((s) => s.id === kpi.stageId);
  const rows = kpi && stage ? [[stage.name, '', kpi.metric ?? '', kpi.value ?? '', kpi.target ?? '', kpi.unit ?? '']] : [];
  return writeCsv([header, ...rows], { bom: false }).replace(/\r\n/g, '\n');
}
