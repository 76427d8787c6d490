import type { Knex } from 'knex';
import { todayOf } from '../../shared/clock';
import { publicRows, rowConditionAt, runPrepared, statementName, type ReadLifeCycle, type RecordList, type Visibility } from '../../shared/records';

/** Only A-grade taxpayers are published. */
export const GRADE_IS_A = publicRows('grade is A', "grade = 'A'");

/**
 * The latest tax credit grade of many subjects in one statement. A caller who may see only the
 * public ratings learns the latest grade only when that grade is itself public (A): an older A must
 * never stand in for a worse grade since.
 */
export async function latestGrades(db: Knex, ratings: RecordList, codes: readonly string[], visibility: Visibility, lifeCycle: ReadLifeCycle): Promise<(string | null)[]> {
  // The latest rating in force the caller could be served at all; for the public, only when it is an A.
  // A named prepared statement per visibility: the day and the codes are parameters.
  const sql = `select subject_code, grade from (
  select distinct on (subject_code) subject_code, grade
    from tax_credit_ratings cross join (select ?::date as today) d
   where subject_code = any(?::varchar[]) and ${rowConditionAt(ratings, visibility === 'public' ? 'all' : visibility, lifeCycle, 'd.today')}
   order by subject_code, year desc
) latest where ${visibility === 'public' ? GRADE_IS_A.sql : 'true'}`;
  const { rows } = await runPrepared<{ subject_code: string; grade: string }>(db, statementName('cg_latest_grades', sql), sql, [todayOf(lifeCycle.clock), [...codes]]);
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
