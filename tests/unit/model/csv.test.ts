import { describe, expect, it } from 'vitest';
import { csvField, decodeCsvBytes, parseCsv, unneutralise, UTF8_BOM, writeCsv, type CsvCell } from '../../../src/model/exchange/csv';

const rowsOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.code}`);
  return parsed.rows;
};

describe('CSV writer', () => {
  it('starts with the UTF-8 BOM and ends every row with CRLF', () => {
    const text = writeCsv([
      ['阶段', '触点'],
      ['种草', '小红书测评笔记'],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe(`${UTF8_BOM}阶段,触点\r\n种草,小红书测评笔记\r\n`);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes cells with delimiters, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('plain 中文')).toBe('plain 中文');
    expect(csvField('a;b', ';')).toBe('"a;b"');
  });

  it('neutralises text that a spreadsheet would run as a formula, but keeps numbers numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1 call')).toBe("'+1 call");
    expect(csvField('-minus')).toBe("'-minus");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tindent')).toBe("'\tindent");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0)).toBe('0');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(true)).toBe('true');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(unneutralise("'=1+1")).toBe('=1+1');
    expect(unneutralise("'quoted")).toBe("'quoted");
  });

  it('can leave the BOM out and use another delimiter', () => {
    expect(writeCsv([['a', 'b,c']], { bom: false, delimiter: ';' })).toBe('a;b,c\r\n');
  });
});

describe('CSV reader', () => {
  it('round-trips Chinese text, quotes, delimiters, line breaks and numbers', () => {
    const rows: CsvCell[][] = [
      ['阶段', '内容', '情绪'],
      ['种草', '“看着不错，可一千二有点贵，再等等吧。”', -1],
      ['下单', 'He said "ok", then left', 3],
      ['收货', '第一行\r\n第二行\n第三行', 0],
      ['', '', ''],
      ['售后', '', 5],
    ];
    const back = rowsOf(writeCsv(rows));
    expect(back).toEqual(rows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c)))));
  });

  it('strips the BOM and reads CRLF, LF and CR line ends', () => {
    expect(rowsOf(`${UTF8_BOM}a,b\r\n1,2\r\n`)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rowsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rowsOf('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('detects the delimiter from the header line', () => {
    const semi = parseCsv('阶段;指标;数值\r\n种草;"进站率; 移动端";3,5\r\n');
    expect(semi.ok && semi.delimiter).toBe(';');
    expect(semi.ok && semi.rows[1]).toEqual(['种草', '进站率; 移动端', '3,5']);
    const tab = parseCsv('stage\tmetric\tvalue\nResearch\tCTR, mobile\t1.8\n');
    expect(tab.ok && tab.delimiter).toBe('\t');
    expect(tab.ok && tab.rows[1]).toEqual(['Research', 'CTR, mobile', '1.8']);
    // A delimiter inside a quoted header cell does not count.
    const quoted = parseCsv('"a;b;c",d\n1,2\n');
    expect(quoted.ok && quoted.delimiter).toBe(',');
    expect(parseCsv('only\none\n').ok).toBe(true);
  });

  it("honours Excel's sep= line", () => {
    const parsed = parseCsv('sep=;\r\na;b\r\n1;2\r\n');
    expect(parsed.ok && parsed.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parsed.ok && parsed.rowNumbers).toEqual([1, 2]);
  });

  it('skips blank lines but counts them in the row numbers a spreadsheet shows', () => {
    const parsed = parseCsv('h1,h2\r\n\r\na,"multi\nline"\r\nb,c\r\n');
    expect(parsed.ok && parsed.rows).toEqual([
      ['h1', 'h2'],
      ['a', 'multi\nline'],
      ['b', 'c'],
    ]);
    expect(parsed.ok && parsed.rowNumbers).toEqual([1, 3, 4]);
  });

  it('keeps a quoted empty cell and text after a closing quote', () => {
    expect(rowsOf('a\n""\n')).toEqual([['a'], ['']]);
    expect(rowsOf('x,"a"b\n')).toEqual([['x', 'ab']]);
    expect(rowsOf('x,a"b\n')).toEqual([['x', 'a"b']]);
  });

  it('reports an unclosed quote with its row', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, error: { code: 'unterminatedQuote', row: 2 } });
  });

  it('refuses UTF-16, empty files and files over the caps', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('a,b\n', (c) => [c.charCodeAt(0), 0]).flat()]);
    expect(decodeCsvBytes(utf16)).toEqual({ ok: false, error: { code: 'utf16' } });
    // UTF-16 without a BOM, or a BOM decoded as UTF-8, once it is text
    expect(parseCsv('a\u0000,\u0000b\u0000\n\u0000')).toEqual({ ok: false, error: { code: 'utf16' } });
    expect(parseCsv('\uFFFD\uFFFDa\u0000')).toEqual({ ok: false, error: { code: 'utf16' } });
    expect(parseCsv('')).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parseCsv('\r\n\r\n')).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parseCsv('a,b\n'.repeat(10), { maxRows: 5 })).toEqual({ ok: false, error: { code: 'tooManyRows', limit: 5 } });
    expect(parseCsv('x'.repeat(101), { maxChars: 100 })).toEqual({ ok: false, error: { code: 'tooLarge', limit: 100 } });
  });

  it('decodes UTF-8 (with or without BOM), and GBK from a Chinese Excel as a fallback', () => {
    const utf8 = decodeCsvBytes(new TextEncoder().encode(`${UTF8_BOM}阶段,数值\n`));
    expect(utf8).toEqual({ ok: true, text: '阶段,数值\n', encoding: 'utf-8' });
    // "阶段,数值" in GBK
    const gbk = decodeCsvBytes(new Uint8Array([0xbd, 0xd7, 0xb6, 0xce, 0x2c, 0xca, 0xfd, 0xd6, 0xb5]), 'gb18030');
    expect(gbk).toEqual({ ok: true, text: '阶段,数值', encoding: 'gb18030' });
    const latin = decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9]), 'windows-1252');
    expect(latin).toEqual({ ok: true, text: 'Café', encoding: 'windows-1252' });
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: false, error: { code: 'workbook' } });
  });
});
