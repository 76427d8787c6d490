import type { Store } from '../shared/store';
import { loadDataset, datasetInfo, type DatasetPlan } from '../shared/seed';
import { registrySubgraph } from '../subgraphs/registry/server';
import { openTestStore, testStoreConfig } from './support/stores';

let store: Store;

beforeAll(async () => {
  store = await openTestStore(registrySubgraph, { seeded: false });
});

afterAll(async () => {
  await store.close();
});

const count = async (table: string) => Number((await store.db(table).count<{ n: number }>({ n: '*' }).first())?.n);

function failingAfter(subjects: number): DatasetPlan {
  return {
    tables: registrySubgraph.dataset.tables,
    rowsFor(subject, seed) {
      if (subject.index >= subjects) throw new Error(`generator broke at subject ${subject.index}`);
      return registrySubgraph.dataset.rowsFor(subject, seed);
    },
  };
}

describe('loading a dataset', () => {
  it('fills the tables and records which dataset it is', async () => {
    const result = await loadDataset(store, testStoreConfig('registry'), registrySubgraph.dataset, { seed: 2014, subjects: 25, chunkSize: 10 });
    expect(result.subjects).toBe(25);
    expect(result.rows.subjects).toBe(25);
    expect(await count('subjects')).toBe(25);
    expect(await datasetInfo(store)).toEqual({ seed: 2014, subjects: 25 });
  });

  it('replaces the previous dataset rather than adding to it', async () => {
    await loadDataset(store, testStoreConfig('registry'), registrySubgraph.dataset, { seed: 2014, subjects: 12, chunkSize: 5 });
    expect(await count('subjects')).toBe(12);
    expect(await datasetInfo(store)).toEqual({ seed: 2014, subjects: 12 });
  });

  it('leaves the store exactly as it was when a load fails half-way', async () => {
    const before = await store.db('subjects').select('code').orderBy('code');
    await expect(
      loadDataset(store, testStoreConfig('registry'), failingAfter(30), { seed: 2015, subjects: 60, chunkSize: 10 }),
    ).rejects.toThrow('generator broke at subject 30');
    expect(await store.db('subjects').select('code').orderBy('code')).toEqual(before);
    expect(await datasetInfo(store)).toEqual({ seed: 2014, subjects: 12 });
  });
});
