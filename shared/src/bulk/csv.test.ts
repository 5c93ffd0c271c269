import { CsvParser, CsvSyntaxError, csvLine, parseCsv } from './csv';

describe('RFC 4180 CSV', () => {
  it('reads quoted fields with commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\n1,2,3';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['', '', ''],
      ['1', '2', '3'],
    ]);
  });

  it('gives the same records whatever the chunk boundaries (streaming)', () => {
    const text = 'name,note\r\n"A ""quoted"" one","multi\nline, with comma"\r\nB,""\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const p = new CsvParser();
      const got: string[][] = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
      got.push(...p.end());
      expect(got).toEqual(whole);
    }
  });

  it('refuses an unterminated quote and text after a closing quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('"a"b,c')).toThrow(/after the closing quote/);
    expect(() => parseCsv('ab"c')).toThrow(CsvSyntaxError);
  });

  it('writes what it reads back (quoting only when needed)', () => {
    const rows = [['plain', 'with,comma', 'with "quote"', 'line\nbreak', ' padded ', '']];
    const text = rows.map(csvLine).join('');
    expect(text).toBe('plain,"with,comma","with ""quote""","line\nbreak"," padded ",\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });
});
