/**
 * CSV for spreadsheets (RFC 4180), pure. The writer produces what Excel and
 * WPS open cleanly with Chinese text: UTF-8 with a BOM (without it, Excel on
 * Windows reads the file in the ANSI code page and Chinese turns to mojibake),
 * CRLF line ends, and text cells that cannot run as formulas. The reader takes
 * what spreadsheets save back: a BOM or not, `,` `;` or tab between cells
 * (Excel and WPS save `;` in locales whose decimal separator is the comma),
 * quoted cells with line breaks inside.
 */

export const UTF8_BOM = '\uFEFF';
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** A number stays a number in the sheet; everything else is text. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * "CSV injection": text a spreadsheet would run as a formula. OWASP's rule is
 * to prefix `'` to a cell that begins with = + - @, tab or CR; a leading
 * apostrophe makes Excel, WPS, LibreOffice and Google Sheets show the cell as
 * text. A bare first-character test is bypassed by whatever spreadsheets drop
 * or hide before the formula sign, so the test skips that first (SKIPPED) and
 * then looks at the first character left (FORMULA_SIGNS).
 *
 * Skipped: all Unicode white space (space, NBSP, U+3000, line breaks, tab, CR),
 * control characters, format characters (bidi controls such as the RLO U+202E,
 * zero-width U+200B-U+200D, U+2060, BOM U+FEFF) and every other
 * default-ignorable (invisible) code point.
 */
const SKIPPED = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*/u;

/**
 * = + - @ and every character NFKC folds to one of them: the full-width
 * ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which spreadsheets in CJK
 * locales may fold to the ASCII sign, and the small and super/subscript forms.
 * Not `|` or `%`: neither starts a formula in Excel, WPS, LibreOffice or
 * Google Sheets (the `|` of DDE, `=cmd|'/c calc'!A1`, only runs after an
 * `=`, which is caught), and prefixing them would change ordinary text such as
 * "% of buyers".
 */
const FORMULA_SIGNS = new Set(['=', '+', '-', '@']);

/** OWASP's list taken literally too: a cell that begins with tab or CR is prefixed whatever follows. */
const RAW_START = /^[\t\r]/;

/** Whether this text (not a number) would start a formula in a spreadsheet. */
function startsFormula(text: string): boolean {
  if (RAW_START.test(text)) return true;
  const first = text.slice(SKIPPED.exec(text)![0].length).codePointAt(0);
  if (first === undefined) return false;
  return FORMULA_SIGNS.has(String.fromCodePoint(first).normalize('NFKC').charAt(0));
}

/**
 * Whether the writer prefixes `'`. Text that already begins with apostrophes
 * before a formula (`'=x`) is prefixed as well (`''=x`), so `unneutralise`
 * can take exactly one apostrophe off every protected cell and give back the
 * text as written, with nothing ambiguous.
 */
function needsNeutralising(text: string): boolean {
  return startsFormula(text.replace(/^'+/, ''));
}

/** One cell, neutralised and quoted as needed. */
export function csvField(cell: CsvCell, delimiter: CsvDelimiter = ','): string {
  if (cell === null || cell === undefined) return '';
  // Numbers are written as numbers (an emotion of -3 must stay -3, not '-3).
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let text = String(cell);
  if (needsNeutralising(text)) text = `'${text}`;
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes('\r') || text.includes('\n');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface WriteCsvOptions {
  /** default true: Excel needs it to read UTF-8 */
  bom?: boolean;
  delimiter?: CsvDelimiter;
}

/** Rows to CSV text: CRLF after every row (RFC 4180), a BOM first. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], opts: WriteCsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const body = rows.map((row) => row.map((cell) => csvField(cell, delimiter)).join(delimiter) + '\r\n').join('');
  return ((opts.bom ?? true) ? UTF8_BOM : '') + body;
}

/**
 * A cell as the writer protected it, back to what the person wrote (`'=x` ->
 * `=x`, `'\u00A0=x` -> `\u00A0=x`): the exact inverse of the writer's prefix,
 * for any text. A cell the writer would not have prefixed is left alone.
 */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && needsNeutralising(cell.slice(1)) ? cell.slice(1) : cell;
}

// ---------------------------------------------------------------- reading

/** Bigger than any journey map's metrics export; a cap so a wrong file cannot freeze the tab. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export type CsvErrorCode = 'empty' | 'utf16' | 'workbook' | 'notText' | 'tooLarge' | 'tooManyRows' | 'unterminatedQuote';

export interface CsvError {
  code: CsvErrorCode;
  /** the limit that was exceeded (bytes or rows) */
  limit?: number;
  /** spreadsheet row where the problem starts (1-based) */
  row?: number;
}

export interface CsvTable {
  /** non-blank rows, header first */
  rows: string[][];
  /** the spreadsheet row number (1-based, blank rows counted) of each entry of `rows` */
  rowNumbers: number[];
  delimiter: CsvDelimiter;
}

export type CsvResult<T> = ({ ok: true } & T) | { ok: false; error: CsvError };

export interface ParseCsvOptions {
  /** default: detected from the header line */
  delimiter?: CsvDelimiter;
  maxChars?: number;
  maxRows?: number;
}

/**
 * Text decoded from UTF-16 as if it were UTF-8 is full of NULs (every ASCII
 * character has a zero byte) and starts with U+FFFD pairs where the BOM was.
 */
function looksLikeUtf16(text: string): boolean {
  if (/^\uFFFD\uFFFD/.test(text)) return true;
  const sample = text.slice(0, 2000);
  let nul = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nul++;
  return nul > 0 && nul >= sample.length / 8;
}

/** Quotes toggle "inside a cell", so a delimiter in a quoted header cell is not counted. */
function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  // Ties (and a one-column file) go to the comma, the format's own delimiter.
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Excel's own hint line, `sep=;`, which it writes and reads but which is not part of the table. */
const SEP_LINE = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i;

/**
 * Parse CSV text (already decoded). Blank rows are skipped but counted in
 * `rowNumbers`, so a report can name the row a spreadsheet shows.
 */
export function parseCsv(input: string, opts: ParseCsvOptions = {}): CsvResult<CsvTable> {
  const maxChars = opts.maxChars ?? MAX_CSV_BYTES;
  const maxRows = opts.maxRows ?? MAX_CSV_ROWS;
  if (input.length > maxChars) return { ok: false, error: { code: 'tooLarge', limit: maxChars } };
  let text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  if (looksLikeUtf16(text)) return { ok: false, error: { code: 'utf16' } };
  if (text.includes('\u0000')) return { ok: false, error: { code: 'notText' } };

  let delimiter = opts.delimiter;
  const sep = SEP_LINE.exec(text);
  if (sep) {
    delimiter ??= sep[1] as CsvDelimiter;
    text = text.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(text);

  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  /** the current cell began with a quote (so a closing quote can end it) */
  let wasQuoted = false;
  let rowNumber = 1;
  let quoteStartRow = 1;

  const endRow = (): boolean => {
    row.push(field);
    const blank = row.length === 1 && row[0] === '' && !wasQuoted;
    if (!blank) {
      rows.push(row);
      rowNumbers.push(rowNumber);
    }
    row = [];
    field = '';
    wasQuoted = false;
    rowNumber++;
    return rows.length <= maxRows;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteStartRow = rowNumber;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!endRow()) return { ok: false, error: { code: 'tooManyRows', limit: maxRows } };
    } else {
      // Text after a closing quote (`"a"b`) is kept, as spreadsheets do, rather than refused.
      field += ch;
    }
  }
  if (quoted) return { ok: false, error: { code: 'unterminatedQuote', row: quoteStartRow } };
  if (field !== '' || row.length > 0 || wasQuoted) {
    if (!endRow()) return { ok: false, error: { code: 'tooManyRows', limit: maxRows } };
  }
  if (rows.length === 0) return { ok: false, error: { code: 'empty' } };
  return { ok: true, rows, rowNumbers, delimiter };
}

/** Encodings a spreadsheet may have saved in besides UTF-8, by the UI's language. */
export type CsvFallbackEncoding = 'gb18030' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  /** 'utf-8', or the fallback the bytes were read as */
  encoding: 'utf-8' | CsvFallbackEncoding;
}

/**
 * Bytes of a file to text. UTF-8 (with or without BOM) is the format; a
 * UTF-16 BOM is refused with a clear error. Bytes that are not UTF-8 are read
 * in `fallback`: "CSV" saved by Excel on a Chinese Windows is GBK (GB18030
 * reads it), on a Western one Windows-1252. The preview shows the result.
 */
export function decodeCsvBytes(bytes: Uint8Array, fallback: CsvFallbackEncoding = 'windows-1252'): CsvResult<DecodedCsv> {
  if (bytes.length > MAX_CSV_BYTES) return { ok: false, error: { code: 'tooLarge', limit: MAX_CSV_BYTES } };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, error: { code: 'utf16' } };
  }
  // An .xlsx (a zip) or an old .xls picked instead of its CSV: say so rather than show garbage.
  const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  if (magic === '504b0304' || magic === 'd0cf11e0') return { ok: false, error: { code: 'workbook' } };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { ok: true, text: new TextDecoder(fallback).decode(bytes), encoding: fallback };
    } catch {
      return { ok: false, error: { code: 'notText' } };
    }
  }
}
