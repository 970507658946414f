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

  /** The cell as a reader gets it back (the delimiter given: a tab in the text must not be taken for one). */
  const firstCell = (field: string) => {
    const parsed = parseCsv(`${field},end\r\n`, { delimiter: ',' });
    if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.code}`);
    return parsed.rows[0]![0]!;
  };

  // Each of these starts a formula once a spreadsheet drops or hides what comes before the sign.
  const bypasses: [string, string][] = [
    ['a leading line feed', '\n=1+1'],
    ['a leading CRLF', '\r\n=1+1'],
    ['a leading space', ' =1+1'],
    ['several spaces and a tab', '  \t =1+1'],
    ['a leading tab', '\t=1+1'],
    ['a no-break space', '\u00A0=1+1'],
    ['an ideographic space', '\u3000=1+1'],
    ['a vertical tab and form feed', '\v\f=1+1'],
    ['a full-width equals sign', '\uFF1D1+1'],
    ['a full-width plus sign', '\uFF0B1'],
    ['a full-width hyphen-minus', '\uFF0D1'],
    ['a full-width commercial at', '\uFF20SUM(A1)'],
    ['a small equals sign', '\uFE661+1'],
    ['a right-to-left override', '\u202E=1+1'],
    ['a left-to-right mark', '\u200E=1+1'],
    ['a right-to-left mark', '\u200F=1+1'],
    ['an Arabic letter mark', '\u061C=1+1'],
    ['a left-to-right embedding', '\u202A=1+1'],
    ['a right-to-left isolate', '\u2067=1+1'],
    ['a pop directional isolate', '\u2069=1+1'],
    ['a zero-width space', '\u200B=1+1'],
    ['a zero-width non-joiner', '\u200C+1'],
    ['a zero-width joiner', '\u200D-1'],
    ['a word joiner', '\u2060@SUM(A1)'],
    ['a byte order mark', '\uFEFF=1+1'],
    ['a soft hyphen', '\u00AD=1+1'],
    ['a mix of all of them', '\u202E \u200B\u00A0\u3000\n\uFF1D1+1'],
    ['a DDE payload after a space', " =cmd|'/c calc'!A1"],
  ];

  it.each(bypasses)('neutralises a formula behind %s', (_name, text) => {
    const cell = firstCell(csvField(text));
    expect(cell).toBe(`'${text}`);
    expect(unneutralise(cell)).toBe(text);
  });

  it('leaves harmless text unchanged, including signs in the middle', () => {
    for (const text of [
      '小红书测评笔记',
      '“看着不错，可一千二有点贵，再等等吧。”',
      'e-mail',
      'takes 3-5 days',
      '3-5 days',
      'a = b',
      'mail me @ home',
      '  indented text',
      '\u00A0non-breaking',
      '\u202Eright to left',
      '% of buyers',
      '| a | table |',
      "'quoted",
      '',
    ]) {
      expect(csvField(text)).toBe(text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text);
    }
  });

  it('keeps numbers numbers, even negative ones', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('-3')).toBe("'-3");
  });

  it('round-trips every text through the writer and unneutralise, apostrophes included', () => {
    const texts = [
      '=1+1',
      "'=1+1",
      "''=1+1",
      "' =1+1",
      "'\u202E=1+1",
      "'quoted",
      "''",
      "'",
      '\t',
      "'\tindent",
      '\uFF1D1',
      ' =x',
      'e-mail',
      '中文',
    ];
    for (const text of texts) {
      const cell = firstCell(csvField(text));
      expect(unneutralise(cell)).toBe(text);
    }
    // An apostrophe the writer did not add is never taken off.
    expect(unneutralise("'quoted")).toBe("'quoted");
    expect(unneutralise("'e-mail")).toBe("'e-mail");
    expect(unneutralise("' =x")).toBe(' =x');
    expect(unneutralise("''=x")).toBe("'=x");
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
