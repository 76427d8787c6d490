import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { openStore } from '../shared/store';
import { countOrganizations, searchOrganizations } from '../subgraphs/registry/store';
import { SEARCH_COUNT_CAP } from '../subgraphs/registry/resolvers';

/**
 * `npx tsx scripts/search-timing.ts [--runs 50] [--terms 北京,有限公司,...]`: how long the registry's
 * name search takes in its configured store, term by term, straight at the store (no HTTP, no
 * gateway): the first page of 20, the page after it (by its cursor) and the capped count, each
 * p50/p95 over the runs, after one warm-up run. `npm run bench` measures the same through the graph.
 */

const DEFAULT_TERMS = ['北京', '有限公司', '重庆', '重庆市渝中区', '深圳德捷精密', '网店', '中心', 'ab', '不存在的名字'];

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  const result = await work();
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, terms: { type: 'string' } } });
  const runs = Number(values.runs ?? 50);
  const terms = values.terms ? values.terms.split(',') : DEFAULT_TERMS;
  const config = configOrExit('search-timing');
  const store = await openStore('registry', config.subgraphs.registry.store);
  const fmt = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${quantile(sorted, 0.5).toFixed(1)} / ${quantile(sorted, 0.95).toFixed(1)}`;
  };
  process.stdout.write(`| term | count | first page p50 / p95 ms | next page p50 / p95 ms | count p50 / p95 ms |\n|---|---:|---:|---:|---:|\n`);
  try {
    for (const term of terms) {
      const first: number[] = [];
      const next: number[] = [];
      const count: number[] = [];
      let total = 0;
      for (let run = 0; run <= runs; run += 1) {
        const keep = run > 0; // run 0 warms the caches up
        const page = await timed(keep ? first : [], () => searchOrganizations(store.db, term, 21, null));
        const last = page[19];
        if (last) await timed(keep ? next : [], () => searchOrganizations(store.db, term, 21, [last.name, last.code]));
        total = await timed(keep ? count : [], () => countOrganizations(store.db, term, SEARCH_COUNT_CAP));
      }
      process.stdout.write(`| ${term} | ${total >= SEARCH_COUNT_CAP ? `${SEARCH_COUNT_CAP}+` : total} | ${fmt(first)} | ${next.length ? fmt(next) : '-'} | ${fmt(count)} |\n`);
    }
  } finally {
    await store.close();
  }
}

void main();
