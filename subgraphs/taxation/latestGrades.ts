import type { Knex } from 'knex';
import { publicRows, rowCondition, type Visibility } from '../../shared/records';

/** Only A-grade taxpayers are published. */
export const GRADE_IS_A = publicRows('grade is A', "grade = 'A'");

/**
 * The latest tax credit grade of many subjects in one statement. A caller who may see only the
 * public ratings learns the latest grade only when that grade is itself public (A): an older A must
 * never stand in for a worse grade since.
 */
export async function latestGrades(db: Knex, codes: readonly string[], visibility: Visibility): Promise<(string | null)[]> {
  const latest = db('tax_credit_ratings')
    .distinctOn('subject_code')
    .select('subject_code', 'grade')
    .whereIn('subject_code', [...codes])
    .orderBy([{ column: 'subject_code' }, { column: 'year', order: 'desc' }])
    .as('latest');
  const rows = await db
    .select<{ subject_code: string; grade: string }[]>('subject_code', 'grade')
    .from(latest)
    .whereRaw(rowCondition({ publicWhen: GRADE_IS_A }, visibility));
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
