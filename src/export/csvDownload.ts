/**
 * CSV files ready to download: the table in the UI's language, as a Blob,
 * named after the map. The Export menu calls these and triggers the download.
 */
import type { TFunction } from '../i18n/translate';
import type { MapSnapshot } from '../model/live';
import { insightsCsv, touchpointsCsv, type CsvTableOptions } from '../model/exchange/csvTables';
import { csvLabels } from './csvLabels';
import { fileNameFrom } from './download';

export interface CsvFile {
  name: string;
  blob: Blob;
}

const csvBlob = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });

/** Touchpoints: stage, lane, text, channel, media, emotion, importance, moment of truth, votes, persona, tags (+ comments). */
export function touchpointsCsvFile(snapshot: MapSnapshot, t: TFunction, opts: CsvTableOptions = {}): CsvFile {
  return {
    name: fileNameFrom(snapshot.meta?.title ?? '', '-touchpoints.csv'),
    blob: csvBlob(touchpointsCsv(snapshot, csvLabels(t), opts)),
  };
}

/** Pain points and opportunities in one sheet, with a type column. */
export function insightsCsvFile(snapshot: MapSnapshot, t: TFunction, opts: CsvTableOptions = {}): CsvFile {
  return {
    name: fileNameFrom(snapshot.meta?.title ?? '', '-pain-points-opportunities.csv'),
    blob: csvBlob(insightsCsv(snapshot, csvLabels(t), opts)),
  };
}
