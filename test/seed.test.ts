import type { Store } from '../shared/store';
import { loadDataset, datasetInfo, type DatasetPlan } from '../shared/seed';
import { registrySubgraph } from '../subgraphs/registry/server';
import { gramsOf } from '../subgraphs/registry/store';
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

  const indexes = async () =>
    (await store.db.raw(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`)).rows as Array<{ indexname: string; indexdef: string }>;
  const triggers = async () =>
    (await store.db.raw(`select tgname, tgenabled from pg_trigger where tgrelid = 'subjects'::regclass and not tgisinternal order by tgname`)).rows as Array<{ tgname: string; tgenabled: string }>;

  it('gives back every index, and the row triggers it suspended, with what they keep built from the new rows', async () => {
    const indexesBefore = await indexes();
    const triggersBefore = await triggers();
    expect(triggersBefore).toEqual([
      { tgname: 'subjects_name_grams_clear', tgenabled: 'O' },
      { tgname: 'subjects_name_grams_sync', tgenabled: 'O' },
    ]);
    const phases: string[] = [];
    await loadDataset(store, testStoreConfig('registry'), registrySubgraph.dataset, {
      seed: 2014,
      subjects: 20,
      chunkSize: 10,
      onProgress: ({ phase }) => {
        if (phases.at(-1) !== phase) phases.push(phase);
      },
    });
    expect(phases).toEqual(['rows', 'indexes', 'derived', 'vacuum']);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await triggers()).toEqual(triggersBefore);
    // The name search's grams: those of each organization loaded, and nothing else.
    const organizations = (await store.db('subjects').whereNot({ kind: 'NATURAL_PERSON' }).select<Array<{ code: string; name: string }>>('code', 'name'));
    const expected = organizations.flatMap(({ code, name }) => gramsOf(name).map((gram) => `${gram} ${code}`)).sort();
    const grams = (await store.db('subject_name_grams').select<Array<{ gram: string; code: string }>>('gram', 'code')).map((g) => `${g.gram} ${g.code}`).sort();
    expect(grams).toEqual(expected);
  });

  it('leaves the store exactly as it was when a load fails half-way', async () => {
    const before = await store.db('subjects').select('code').orderBy('code');
    await expect(
      loadDataset(store, testStoreConfig('registry'), failingAfter(30), { seed: 2015, subjects: 60, chunkSize: 10 }),
    ).rejects.toThrow('generator broke at subject 30');
    expect(await store.db('subjects').select('code').orderBy('code')).toEqual(before);
    expect(await datasetInfo(store)).toEqual({ seed: 2014, subjects: 20 });
  });
});
