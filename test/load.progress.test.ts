import { costliestFirst, ProgressLine } from '../scripts/load';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { MAX_SUBJECTS, wholeNumber } from '../shared/process';

/** A stderr stand-in: what was written, and whether it is a terminal. */
function output(isTTY: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY, columns: 400, write: (chunk: string) => written.push(chunk) > 0 } as never };
}

describe('npm run load: the one line of overall progress', () => {
  it('tells the share of subjects over all stores, rows, rows/s, an ETA from the pace so far, and what is being finished', () => {
    let now = 1_000_000;
    const { out } = output(false);
    const line = new ProgressLine(['registry', 'finance'], 1_000, out, () => now);
    now += 10_000;
    line.report({ type: 'progress', store: 'registry', subjects: 1_000, rows: 2_000, phase: 'derived' });
    line.report({ type: 'progress', store: 'finance', subjects: 250, rows: 3_000, phase: 'rows' });
    expect(line.text()).toBe(
      'load: 62.5% of 1,000 subjects × 2 stores, 5,000 rows, 500 rows/s, 10s elapsed, ETA 6s; 0/2 stores done; registry building derived tables',
    );
    line.settle('registry', true);
    now += 80_000;
    line.report({ type: 'progress', store: 'finance', subjects: 1_000, rows: 12_000, phase: 'vacuum' });
    expect(line.text()).toBe(
      'load: 100.0% of 1,000 subjects × 2 stores, 14,000 rows, 156 rows/s, 1m 30s elapsed, ETA finishing; 1/2 stores done; finance vacuum analyze',
    );
    line.close();
  });

  it('on a terminal, rewrites the line in place and prints a store\'s outcome above it', () => {
    const { out, written } = output(true);
    const line = new ProgressLine(['registry'], 10, out, () => 0);
    line.draw();
    line.log('registry: 20 rows into PostgreSQL database cg_registry in 0.1 s');
    line.close();
    expect(written).toEqual([
      '\r\x1b[2Kload: 0.0% of 10 subjects × 1 stores, 0 rows, 0 rows/s, 0s elapsed, ETA ?; 0/1 stores done',
      '\r\x1b[2K',
      'registry: 20 rows into PostgreSQL database cg_registry in 0.1 s\n',
      '\r\x1b[2Kload: 0.0% of 10 subjects × 1 stores, 0 rows, 0 rows/s, 0s elapsed, ETA ?; 0/1 stores done',
      '\r\x1b[2Kload: 0.0% of 10 subjects × 1 stores, 0 rows, 0 rows/s, 0s elapsed, ETA ?; 0/1 stores done',
      '\n',
    ]);
  });

  it('elsewhere (a log file, CI), writes whole lines and never a control character', () => {
    let now = 0;
    const { out, written } = output(false);
    const line = new ProgressLine(['registry'], 10, out, () => now);
    line.log('load: 10 subjects into 1 store(s)');
    now += 2_000;
    line.report({ type: 'progress', store: 'registry', subjects: 10, rows: 11, phase: 'rows' });
    line.close();
    expect(written).toEqual([
      'load: 10 subjects into 1 store(s)\n',
      'load: 100.0% of 10 subjects × 1 stores, 11 rows, 6 rows/s, 2s elapsed, ETA finishing; 0/1 stores done\n',
    ]);
  });
});

describe('npm run load: the numbers an operator writes', () => {
  it('takes decimal digits, grouped by _ if written so, within the bounds, and nothing else', () => {
    expect(wholeNumber('1000000', 1, MAX_SUBJECTS)).toBe(1_000_000);
    expect(wholeNumber('1_000_000', 1, MAX_SUBJECTS)).toBe(1_000_000);
    for (const written of ['1e3', '0x10', '-1', '1.5', '', ' 7', '1__0', '_1', '100000001', '99999999999999999999', '0']) {
      expect([written, wholeNumber(written, 1, MAX_SUBJECTS)]).toEqual([written, null]);
    }
  });
});

describe('the order of a parallel load', () => {
  it("starts the stores that cost most first, the registry's name grams weighed with its rows", () => {
    const order = costliestFirst(SUBGRAPH_NAMES, 2014);

    expect([...order].sort()).toEqual([...SUBGRAPH_NAMES].sort());
    // Finance and taxation hold most rows; healthcare and access fewest. The registry has one row per
    // subject, but its name grams cost a sixth of a million-subject load: it starts before the small ones.
    expect(order.slice(0, 2).sort()).toEqual(['finance', 'taxation']);
    expect(order[2]).toBe('registry');
    expect(order.slice(-2).sort()).toEqual(['access', 'healthcare']);
  });
});
