import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { Cron } from 'croner';
import { todayOf } from '../clock';
import { DEFAULT_ACT_ENDED, retentionEnd, sqlDay, type ReadLifeCycle, type RecordList } from '../records';

/**
 * The retention job (CIR Art. 16): negative records whose retention has ended, and withdrawn records
 * whose retention has ended, leave the store for good. The read path hides them from the day their
 * retention ends (`inForceCondition`); this job deletes them: every version of the record and every
 * notice its subject received, in one transaction per store. What stays is a tombstone per (record
 * type, authority, retention end date) with counts, and no personal data: no subject, no document
 * number, no content. Each run is logged in `job_runs`; a second run the same day finds nothing more.
 *
 * Replicas of a subgraph share a store on PostgreSQL: the run holds an advisory lock for its
 * transaction, and a run that finds it held skips (and logs that it skipped).
 */

export const RETENTION_JOB = 'retention';

/** The advisory lock (two int4 keys, `CG`, `RE`) a retention run holds for its transaction. */
export const RETENTION_LOCK: readonly [number, number] = [0x4347, 0x5245];

/** Schedules read in China's time: `30 2 * * *` is 02:30 in Beijing, whatever the host's zone. */
export const RETENTION_TIMEZONE = 'Asia/Shanghai';

export const DEFAULT_RETENTION_SCHEDULE = '30 2 * * *';

export interface RetentionCounts {
  /** Records deleted (each with all its versions). */
  readonly records: number;
  readonly versions: number;
  readonly notices: number;
}

export type RetentionOutcome = 'done' | 'skipped' | 'failed';

export interface RetentionSummary {
  readonly runId: string;
  readonly outcome: RetentionOutcome;
  /** The day the run judged retention on (China's date on the clock). */
  readonly today: string;
  /** Per record type with an `ingest` spec (zeros included). */
  readonly byType: Readonly<Record<string, RetentionCounts>>;
  readonly total: RetentionCounts;
  /** Tombstones written. */
  readonly tombstones: number;
  /** Why it failed (`failed` only): the error's message, for the operator's log; `job_runs` keeps only its code. */
  readonly error?: string;
}

export interface RetentionOptions {
  readonly log?: (message: string) => void;
  readonly runId?: string;
}

const ZERO: RetentionCounts = Object.freeze({ records: 0, versions: 0, notices: 0 });

/** The record lists the job looks at: those authorities submit (with an `ingest` spec). */
export function retentionLists(lists: Readonly<Record<string, RecordList>> | readonly RecordList[]): RecordList[] {
  const all: readonly RecordList[] = Array.isArray(lists) ? (lists as readonly RecordList[]) : Object.values(lists as Readonly<Record<string, RecordList>>);
  return all.filter((list) => list.ingest !== undefined);
}

/** A subgraph module's record lists the job looks at (a sector's `lists`; none for a module without). */
export function retentionListsOf(module: object): RecordList[] {
  const lists = (module as { lists?: unknown }).lists;
  return lists && typeof lists === 'object' ? retentionLists(lists as Record<string, RecordList>) : [];
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/** Whether a retention run holds (or another session's run holds) the lock, and if not, takes it for this transaction. */
async function takeRetentionLock(trx: Knex.Transaction): Promise<boolean> {
  const [high, low] = RETENTION_LOCK;
  // pg_try_advisory_xact_lock succeeds for a session that already holds the lock, and an embedded store
  // has one session only: a lock already granted to anyone, this session included, means a run is on.
  const held = await trx.raw<{ rows: { held: boolean }[] }>(
    `select exists (
       select 1 from pg_locks
        where locktype = 'advisory' and granted and classid = ${high} and objid = ${low} and objsubid = 2
          and database = (select oid from pg_database where datname = current_database())
     ) as held`,
  );
  if (held.rows[0]?.held) return false;
  const taken = await trx.raw<{ rows: { taken: boolean }[] }>(`select pg_try_advisory_xact_lock(${high}, ${low}) as taken`);
  return taken.rows[0]?.taken === true;
}

/** Deletes the expired records of one list, with their notices and the subject's recourse about them, and leaves their tombstones. */
async function expireList(trx: Knex.Transaction, list: RecordList, years: number, today: string, deletedAt: string, runId: string): Promise<RetentionCounts & { tombstones: number }> {
  if (!IDENTIFIER.test(list.table)) throw new Error(`not a table name: ${list.table}`);
  const negative = list.ingest?.negative ?? 'false';
  const ended = list.ingest?.actEnded ?? DEFAULT_ACT_ENDED;
  // An act still going on has no end yet (null: kept); a withdrawn record runs from its act's end or, failing one, its withdrawal.
  const end = `(case when state = 'WITHDRAWN' then ${retentionEnd(years, `coalesce(${ended}, recorded_at::date)`)} else ${retentionEnd(years, ended)} end)`;
  // The same lock submissions of this type take: no version is written to a record while it is deleted.
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`cg-records:${list.table}`]);
  const result = await trx.raw<{ rows: { tombstones: number; records: number; versions: number; notices: number }[] }>(
    `with expired as (
       select record_id, authority_code, authority_name, ${end} as retention_ended_on
         from ?? where current and ${end} < ${sqlDay(today)}
          and (state = 'WITHDRAWN' or (state = 'IN_FORCE' and (${negative})))
     ),
     gone_notices as (
       delete from record_notices n using expired e
        where n.record_table = ? and n.record_id = e.record_id
       returning n.record_id
     ),
     gone_versions as (
       delete from ?? t using expired e where t.record_id = e.record_id returning t.record_id
     ),
     -- The subject's recourse about the record leaves with it: objections, statements, repair applications.
     gone_objections as (delete from record_objections o using expired e where o.record_table = ? and o.record_id = e.record_id),
     gone_statements as (delete from record_statements s using expired e where s.record_table = ? and s.record_id = e.record_id),
     gone_repairs as (delete from record_repairs r using expired e where r.record_table = ? and r.record_id = e.record_id),
     versions as (select record_id, count(*)::int as n from gone_versions group by record_id),
     notices as (select record_id, count(*)::int as n from gone_notices group by record_id),
     stones as (
       insert into record_tombstones (record_type, authority_code, authority_name, retention_ended_on, records, versions, notices, deleted_at, run_id)
       select ?, e.authority_code, e.authority_name, e.retention_ended_on,
              count(*)::int, coalesce(sum(v.n), 0)::int, coalesce(sum(n.n), 0)::int, ?::timestamptz, ?::uuid
         from expired e
         join versions v on v.record_id = e.record_id
         left join notices n on n.record_id = e.record_id
        group by e.authority_code, e.authority_name, e.retention_ended_on
       returning records, versions, notices
     )
     select count(*)::int as tombstones, coalesce(sum(records), 0)::int as records,
            coalesce(sum(versions), 0)::int as versions, coalesce(sum(notices), 0)::int as notices
       from stones`,
    [list.table, list.table, list.table, list.table, list.table, list.table, list.recordType, deletedAt, runId],
  );
  const row = result.rows[0];
  return { tombstones: Number(row?.tombstones ?? 0), records: Number(row?.records ?? 0), versions: Number(row?.versions ?? 0), notices: Number(row?.notices ?? 0) };
}

function sum(counts: Iterable<RetentionCounts>): RetentionCounts {
  let records = 0;
  let versions = 0;
  let notices = 0;
  for (const c of counts) {
    records += c.records;
    versions += c.versions;
    notices += c.notices;
  }
  return { records, versions, notices };
}

async function logRun(db: Knex, runId: string, startedAt: string, finishedAt: string, outcome: RetentionOutcome, details: Record<string, unknown>): Promise<void> {
  await db('job_runs').insert({ id: runId, job: RETENTION_JOB, started_at: startedAt, finished_at: finishedAt, outcome, details: JSON.stringify(details) });
}

class Skipped extends Error {}

/**
 * One retention run on one store: deletes, in one transaction, every record of `lists` (those with an
 * `ingest` spec) whose current version is negative, or withdrawn, and past its retention
 * (`settings.retentionYears(type)` years after the act ended, on `settings.clock`), with all its
 * versions and notices; leaves tombstones; logs the run in `job_runs`. Skips, and logs a `skipped`
 * run, when another run holds the retention lock. Never throws for a failed run: it is logged (when
 * the store still answers) and returned as `failed`.
 */
export async function runRetention(
  db: Knex,
  lists: Readonly<Record<string, RecordList>> | readonly RecordList[],
  settings: ReadLifeCycle,
  options: RetentionOptions = {},
): Promise<RetentionSummary> {
  const runId = options.runId ?? randomUUID();
  const log = options.log ?? (() => undefined);
  const startedAt = settings.clock.now().toISOString();
  const today = todayOf(settings.clock);
  const targets = retentionLists(lists);
  const years = Object.fromEntries(targets.map((list) => [list.recordType, settings.retentionYears(list.recordType)]));
  const byType: Record<string, RetentionCounts> = Object.fromEntries(targets.map((list) => [list.recordType, ZERO]));
  let tombstones = 0;
  const summary = (outcome: RetentionOutcome, error?: string): RetentionSummary => ({
    runId,
    outcome,
    today,
    byType,
    total: sum(Object.values(byType)),
    tombstones,
    ...(error === undefined ? {} : { error }),
  });
  try {
    await db.transaction(async (trx) => {
      if (!(await takeRetentionLock(trx))) throw new Skipped();
      for (const list of targets) {
        const counts = await expireList(trx, list, years[list.recordType]!, today, startedAt, runId);
        byType[list.recordType] = { records: counts.records, versions: counts.versions, notices: counts.notices };
        tombstones += counts.tombstones;
      }
      const done = summary('done');
      await logRun(trx, runId, startedAt, settings.clock.now().toISOString(), 'done', { today, retentionYears: years, byType: done.byType, total: done.total, tombstones });
    });
  } catch (error) {
    if (error instanceof Skipped) {
      await logRun(db, runId, startedAt, settings.clock.now().toISOString(), 'skipped', { today, reason: 'another run holds the retention lock' }).catch(() => undefined);
      const skipped = summary('skipped');
      log(describeRetention(skipped));
      return skipped;
    }
    for (const type of Object.keys(byType)) byType[type] = ZERO;
    tombstones = 0;
    // The log keeps an error code, never a message that may quote a row.
    const code = (error as { code?: unknown }).code;
    await logRun(db, runId, startedAt, settings.clock.now().toISOString(), 'failed', { today, error: typeof code === 'string' ? code : (error as Error).name }).catch(() => undefined);
    const failed = summary('failed', error instanceof Error ? error.message : String(error));
    log(describeRetention(failed));
    return failed;
  }
  const done = summary('done');
  log(describeRetention(done));
  return done;
}

/** A run in a line, for logs and the ops script. */
export function describeRetention(summary: RetentionSummary): string {
  const head = `retention run ${summary.runId} on ${summary.today}`;
  if (summary.outcome === 'skipped') return `${head} skipped: another run holds the retention lock`;
  if (summary.outcome === 'failed') return `${head} failed, nothing deleted: ${summary.error ?? 'unknown error'}`;
  const types = Object.entries(summary.byType)
    .filter(([, c]) => c.records > 0)
    .map(([type, c]) => `${type} ${c.records}`);
  return (
    `${head}: deleted ${summary.total.records} expired records (${summary.total.versions} versions, ${summary.total.notices} notices)` +
    `${types.length > 0 ? ` [${types.join(', ')}]` : ''}, ${summary.tombstones} tombstones`
  );
}

/** A running schedule: `stop()` ends it and waits for a run in progress. */
export interface RetentionSchedule {
  /** When the next run is due (null when none). */
  nextRun(): Date | null;
  /** Runs the job now (a run already in progress is not doubled). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `job` on `schedule` (a cron expression in China's time; null: never) inside this process:
 * never two runs at once in the process (croner's `protect`; replicas are kept apart by the run's
 * advisory lock), a failure reported to `onError` and the next run still due.
 */
export function scheduleRetention(schedule: string | null, job: () => Promise<unknown>, onError: (error: unknown) => void = () => undefined): RetentionSchedule | null {
  if (schedule === null) return null;
  let running: Promise<unknown> | null = null;
  const once = (): Promise<void> => {
    if (running) return running.then(() => undefined);
    const current = job()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    running = current;
    return current.then(() => undefined);
  };
  const cron = new Cron(schedule, { protect: true, timezone: RETENTION_TIMEZONE }, () => once());
  return {
    nextRun: () => cron.nextRun(),
    runNow: once,
    async stop() {
      cron.stop();
      await running;
    },
  };
}

/** Where a subgraph process reports its scheduled runs (a pino logger is one). */
export interface RetentionLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The retention job of a subgraph process: its store, its record lists with an `ingest` spec, on the
 * configured schedule. Null when the schedule is `off` or the subgraph has no such lists.
 */
export function startRetentionSchedule(module: object, db: Knex, schedule: string | null, settings: ReadLifeCycle, log: RetentionLog): RetentionSchedule | null {
  const lists = retentionListsOf(module);
  if (lists.length === 0) return null;
  const job = async () => {
    const summary = await runRetention(db, lists, settings);
    if (summary.outcome === 'failed') log.warn(describeRetention(summary));
    else log.info(describeRetention(summary));
  };
  const scheduled = scheduleRetention(schedule, job, (error) => log.warn(`retention run failed: ${error instanceof Error ? error.message : String(error)}`));
  if (scheduled) log.info(`retention job scheduled (${schedule}, China time): next run ${scheduled.nextRun()?.toISOString() ?? 'never'}`);
  return scheduled;
}
