import type { Knex } from 'knex';
import { publicRows, rowCondition, type ReadLifeCycle, type RecordList, type Visibility } from '../../shared/records';

/** Only A-grade taxpayers are published. */
export const GRADE_IS_A = publicRows('grade is A', "grade = 'A'");

/**
 * The latest tax credit grade of many subjects in one statement. A caller who may see only the
 * public ratings learns the latest grade only when that grade is itself public (A): an older A must
 * never stand in for a worse grade since.
 */
export async function latestGrades(db: Knex, ratings: RecordList, codes: readonly string[], visibility: Visibility, lifeCycle: ReadLifeCycle): Promise<(string | null)[]> {
  // The latest rating in force the caller could be served at all; for the public, only when it is an A.
  const latest = db('tax_credit_ratings')
    .distinctOn('subject_code')
    .select('subject_code', 'grade')
    .whereIn('subject_code', [...codes])
    .whereRaw(rowCondition(ratings, visibility === 'public' ? 'all' : visibility, lifeCycle))
    .orderBy([{ column: 'subject_code' }, { column: 'year', order: 'desc' }])
    .as('latest');
  const rows = await db
    .select<{ subject_code: string; grade: string }[]>('subject_code', 'grade')
    .from(latest)
    .whereRaw(visibility === 'public' ? GRADE_IS_A.sql : 'true');
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
