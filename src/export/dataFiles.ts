/** The data exports: the open format as JSON, and the two spreadsheets. */
import type { TFunction } from '../i18n/translate';
import type { OpenMap } from '../state/mapContext';
import { liveComments } from '../model/comments/live';
import { openCommentTexts } from '../model/exchange/csvTables';
import { mapFileFromDocs } from '../model/exchange/mapFile';
import { fileNameFrom } from './download';
import { insightsCsvFile, touchpointsCsvFile, type CsvFile } from './csvDownload';

export type DataFormat = 'json' | 'csvTouchpoints' | 'csvInsights';

export function exportDataFile(format: DataFormat, map: OpenMap, opts: { comments: boolean; t: TFunction }): CsvFile {
  const snapshot = map.live.getSnapshot();
  if (format === 'json') {
    const file = mapFileFromDocs(map.doc, opts.comments ? map.commentsDoc : undefined);
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    return { name: fileNameFrom(snapshot.meta?.title ?? '', '.json'), blob };
  }
  const tableOptions = opts.comments
    ? { includeComments: true, commentsByCard: openCommentTexts(liveComments(map.commentsDoc).getSnapshot()) }
    : {};
  return format === 'csvTouchpoints' ? touchpointsCsvFile(snapshot, opts.t, tableOptions) : insightsCsvFile(snapshot, opts.t, tableOptions);
}
