import type { Knex } from 'knex';

export const name = '20261203090000_name_search_grams';

/**
 * Name search that never scans. Every organization's name is listed under each two-character gram
 * (bigram) it contains, in a table whose primary key is (gram, name, code): one gram's entries are
 * then a range of that index, already in the search's order (name in byte order, then code). A
 * search for `q` walks the range of the rarest gram of `q`, keeps the names that contain `q`, and
 * stops after one page: no sort of all matches, no walk of names that cannot match. Bigrams and not
 * pg_trgm's trigrams: a two-character query (北京) is a gram of its own, and a gram is a gram in any
 * locale (pg_trgm splits words by the server's ctype, and pads them).
 *
 * The table follows `subjects` by triggers, row by row. A bulk load suspends the row trigger and
 * rebuilds the table at the end instead (`refresh_subject_name_grams()`, see registry/dataset.ts).
 * `subject_name_gram_counts` (how many organizations have each gram) only steers which gram is
 * walked: the load and this migration refresh it; a stale count costs time, never a result.
 */
/**
 * A name's distinct grams, by code point as the search splits its query (JavaScript's [...query]) on a
 * UTF-8 database; each gram at its first position only (strpos), which PostgreSQL inlines where a
 * DISTINCT would sort every name's grams (a third slower to rebuild at a million subjects).
 */
const GRAMS_OF = `
  create or replace function subject_name_grams_of(name text) returns setof text
  language sql immutable parallel safe
  as $$ select substr(name, i, 2) from generate_series(1, char_length(name) - 1) as i where strpos(name, substr(name, i, 2)) = i $$`;

export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table subject_name_grams (
      gram text not null,
      name text collate "C" not null,
      code varchar(18) not null,
      primary key (gram, name, code)
    )`);
  await db.raw(`create table subject_name_gram_counts (gram text primary key, subjects integer not null)`);
  await db.raw(GRAMS_OF);
  await db.raw(`
    create function subject_name_grams_sync() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.kind <> 'NATURAL_PERSON' then
        delete from subject_name_grams
        where gram in (select subject_name_grams_of(old.name)) and name = old.name and code = old.code;
      end if;
      if tg_op <> 'DELETE' and new.kind <> 'NATURAL_PERSON' then
        insert into subject_name_grams (gram, name, code)
        select gram, new.name, new.code from subject_name_grams_of(new.name) as gram;
      end if;
      return null;
    end $$`);
  await db.raw(`
    create trigger subjects_name_grams_sync after insert or delete or update of code, kind, name on subjects
    for each row execute function subject_name_grams_sync()`);
  await db.raw(`
    create function subject_name_grams_clear() returns trigger language plpgsql as $$
    begin
      truncate subject_name_grams, subject_name_gram_counts;
      return null;
    end $$`);
  await db.raw(`create trigger subjects_name_grams_clear after truncate on subjects for each statement execute function subject_name_grams_clear()`);
  // Rebuilt whole, its index after the rows (far faster than 9 M inserts into a 1.5 GB index at 1 M subjects).
  await db.raw(`
    create function refresh_subject_name_grams() returns void language plpgsql as $$
    begin
      truncate subject_name_grams, subject_name_gram_counts;
      alter table subject_name_grams drop constraint subject_name_grams_pkey;
      insert into subject_name_grams (gram, name, code)
      select gram, s.name, s.code from subjects s cross join lateral subject_name_grams_of(s.name) as gram
      where s.kind <> 'NATURAL_PERSON';
      alter table subject_name_grams add constraint subject_name_grams_pkey primary key (gram, name, code);
      insert into subject_name_gram_counts (gram, subjects) select gram, count(*) from subject_name_grams group by gram;
    end $$`);
  await db.raw('select refresh_subject_name_grams()');
  // What the search used before: a walk of every name in order, and a trigram index no query used.
  await db.raw('drop index if exists subjects_org_name_order_idx');
  await db.raw('drop index if exists subjects_org_name_trgm_idx');
}

export async function down(db: Knex): Promise<void> {
  await db.raw(`create index subjects_org_name_order_idx on subjects ((name collate "C"), code) where kind <> 'NATURAL_PERSON'`);
  await db.raw(`create index subjects_org_name_trgm_idx on subjects using gin (name gin_trgm_ops) where kind <> 'NATURAL_PERSON'`);
  await db.raw('drop trigger subjects_name_grams_clear on subjects');
  await db.raw('drop trigger subjects_name_grams_sync on subjects');
  await db.raw('drop function refresh_subject_name_grams(), subject_name_grams_clear(), subject_name_grams_sync(), subject_name_grams_of(text)');
  await db.raw('drop table subject_name_gram_counts, subject_name_grams');
}
