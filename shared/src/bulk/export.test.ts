import { findList, flatten, rowsToCsv, safeCell } from './export';
import { parseCsv } from './csv';

describe('export: GraphQL result -> CSV', () => {
  const data = {
    complaints: {
      totalCount: 2,
      pageInfo: { hasNextPage: true, endCursor: 'c2' },
      edges: [
        { cursor: 'c1', node: { code: 'C-1', customer: { name: 'Acme, Ltd', segment: { code: 'RESI' }, tags: [{ code: 'VIP' }, { code: 'NEW' }] } } },
        { cursor: 'c2', node: { code: 'C-2', customer: null } },
      ],
    },
  };

  it('finds the first list of objects and unwraps a connection into its nodes, with its pageInfo', () => {
    const found = findList(data);
    expect(found.path).toBe('complaints');
    expect(found.rows.map((r) => r.code)).toEqual(['C-1', 'C-2']);
    expect(found.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c2' });
    expect(findList(data as any, 'complaints').rows).toHaveLength(2);
    expect(() => findList(data as any, 'complaints.totalCount')).toThrow(/not a list/);
    expect(() => findList({ me: { email: 'x' } } as any)).toThrow(/--path/);
  });

  it('flattens nested objects into dotted columns; lists inside a row join their values', () => {
    expect(flatten(data.complaints.edges[0].node as any)).toEqual({
      code: 'C-1',
      'customer.name': 'Acme, Ltd',
      'customer.segment.code': 'RESI',
      'customer.tags.code': 'VIP; NEW',
    });
    expect(flatten({ a: { b: { edges: [{ node: { c: 1 } }, { node: { c: 2 } }] } } } as any)).toEqual({ 'a.b.c': '1; 2' });
  });

  it('writes one header with every column seen and one line per row, empty where a row has no value', () => {
    const csv = rowsToCsv(findList(data).rows);
    expect(parseCsv(csv)).toEqual([
      ['code', 'customer.name', 'customer.segment.code', 'customer.tags.code'],
      ['C-1', 'Acme, Ltd', 'RESI', 'VIP; NEW'],
      ['C-2', '', '', ''],
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas (CSV injection), not numbers', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(safeCell('-12.5')).toBe('-12.5');
    expect(safeCell('plain')).toBe('plain');
    expect(rowsToCsv([{ name: '=1+1' }], { raw: true })).toBe('name\r\n=1+1\r\n');
  });
});
