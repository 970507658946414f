/**
 * The words a CSV table prints (headers, channel and media names …) in the
 * UI's language (src/i18n), so src/model/exchange stays free of i18n.
 * Column headers are in metrics.*.json; enum names reuse the canvas' strings,
 * so a spreadsheet says what the inspector says.
 */
import type { TFunction } from '../i18n/translate';
import { choiceFields } from '../model/laneFields';
import { LANE_KINDS, TAGS } from '../model/schema';
import { INSIGHT_COLUMNS, TOUCHPOINT_COLUMNS, type CsvColumn, type CsvLabels } from '../model/exchange/csvTables';

const byKey = <K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, label(k)])) as Record<K, string>;

const COLUMNS: readonly CsvColumn[] = [...new Set<CsvColumn>([...TOUCHPOINT_COLUMNS, ...INSIGHT_COLUMNS, 'comments'])];

export function csvLabels(t: TFunction): CsvLabels {
  return {
    columns: byKey(COLUMNS, (c) => t(`metrics.csv.columns.${c}`)),
    options: Object.fromEntries(choiceFields().map((f) => [f.name, byKey(f.options, (o) => t(`${f.optionLabels}.${o}`))])),
    tags: byKey(TAGS, (tag) => t(`tags.${tag}`)),
    states: { current: t('states.inCurrent'), future: t('states.inFuture'), both: t('states.inBoth') },
    laneKinds: byKey(LANE_KINDS, (k) => t(`laneKinds.${k}`)),
    insightTypes: { painPoint: t('metrics.csv.painPoint'), opportunity: t('metrics.csv.opportunity') },
    yes: t('metrics.csv.yes'),
    no: t('metrics.csv.no'),
    listSeparator: t('metrics.csv.listSeparator'),
    personaEmotion: (name) => t('personaScores.csvColumn', { name }),
  };
}
