import type { Store } from '../../shared/store';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import { openTestStore } from './stores';

/**
 * The worker's store pool (storePool.ts, stores.ts) hands the next file a store exactly as the
 * snapshot left it, whatever rows the last file changed: the tests of every file see the same data
 * whatever ran before them on the worker. Embedded stores only: on PostgreSQL every file gets a
 * fresh database, and there is nothing to check.
 */
const pooled = !process.env.CG_DATABASE_URL;
const registry = SUBGRAPH_MODULES.registry;

/** Every table's rows (as a digest) and every sequence's position: what "as the snapshot left it" means. */
async function contents(store: Store): Promise<Record<string, string>> {
  const tables = (await store.db.raw(`select tablename from pg_tables where schemaname = 'public' order by tablename`)).rows as Array<{ tablename: string }>;
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const row = (await store.db.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as digest from ?? as t`, [tablename])).rows[0] as { digest: string };
    out[tablename] = row.digest;
  }
  for (const sequence of (await store.db.raw(`select sequencename, last_value::text from pg_sequences where schemaname = 'public'`)).rows as Array<{ sequencename: string; last_value: string | null }>) {
    out[`sequence ${sequence.sequencename}`] = String(sequence.last_value);
  }
  return out;
}

(pooled ? describe : describe.skip)('a pooled embedded test store', () => {
  it('comes back as the snapshot left it after rows of seeded tables were changed (with the table their trigger keeps) and removed, and a sequence moved', async () => {
    const first = await openTestStore(registry);
    const pristine = await contents(first);
    const [subject] = (await first.db('subjects').select('code').orderBy('code').limit(2)) as Array<{ code: string }>;
    // A change through a trigger too: the name search's grams follow the subjects' names.
    await first.db('subjects').update({ name: '已改名的主体' }).where({ code: subject!.code });
    await first.db.raw('delete from abnormal_operation_listings where id in (select id from abnormal_operation_listings order by id limit 1)');
    await first.db.raw(`select nextval(pg_get_serial_sequence('abnormal_operation_listings', 'id'))`);
    expect(await contents(first)).not.toEqual(pristine);
    await first.close();

    const second = await openTestStore(registry);
    try {
      // The same store, reset in place: not opened again from the snapshot.
      expect(second.db).toBe(first.db);
      expect(await contents(second)).toEqual(pristine);
    } finally {
      await second.close();
    }
  });

  it('is opened afresh from the snapshot after a change a reset cannot undo (a schema change)', async () => {
    const first = await openTestStore(registry);
    const pristine = await contents(first);
    await first.db.raw('create table left_behind (id int)');
    await first.close();

    const second = await openTestStore(registry);
    try {
      expect(second.db).not.toBe(first.db);
      expect(await contents(second)).toEqual(pristine);
    } finally {
      await second.close();
    }
  });
});
