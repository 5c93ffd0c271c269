import { formatSeconds, Progress } from './progress';

const sink = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, s: { isTTY, columns: 200, write: (x: string) => out.push(x) } };
};

describe('progress on stderr', () => {
  it('redraws one bar in place on a terminal, with rows/s, percentage and ETA', () => {
    const { out, s } = sink(true);
    const p = new Progress('import customers', s, 0);
    p.update(500, 0.5);
    p.finish(1000);
    expect(out[0]).toMatch(/^\r\[#{12}\.{12}\] import customers: 500 rows {2}[\d,]+ rows\/s {2}50% {2}ETA \d+s/);
    expect(out[1]).toMatch(/^\r\[#{24}\] import customers: 1,000 rows .* 100% {2}ETA 0s/);
    expect(out[2]).toBe('\n');
  });

  it('writes plain lines, at most one per interval, when stderr is not a terminal', () => {
    const { out, s } = sink(false);
    const p = new Progress('export', s, 60_000);
    p.update(1); // first line
    p.update(2); // within the interval: skipped
    p.finish(3);
    expect(out).toHaveLength(2);
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r') && !l.includes('#'))).toBe(true);
  });

  it('formats durations', () => {
    expect([formatSeconds(5), formatSeconds(65), formatSeconds(3725), formatSeconds(Infinity)]).toEqual(['5s', '1m05s', '1h02m', '?']);
  });
});
