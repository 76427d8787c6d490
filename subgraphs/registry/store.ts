import type { Knex } from 'knex';
import { WHILE_PUBLICITY_LASTS, type LookupTable, type RecordList } from '../../shared/records';
import { date, text } from '../../shared/ingest/fields';
import { inOrder, type RowRule } from '../../shared/ingest/spec';
import { minimumTerm } from '../../shared/recourse/repair';

/** A listing's own fields, the same for both lists: why and when listed, when and why removed. */
const LISTING_FIELDS = {
  reason: text({ max: 200 }),
  listedOn: date(),
  removedOn: date({ required: false }),
  removalReason: text({ max: 200, required: false }),
};

/** A removed listing says why, and only a removed one does. */
const removalExplained: RowRule<Record<string, unknown>> = (r) => {
  if (typeof r.removedOn === 'string' && typeof r.removalReason !== 'string') return { field: 'removalReason', reason: 'is required when removedOn is given' };
  if (typeof r.removedOn !== 'string' && typeof r.removalReason === 'string') return { field: 'removalReason', reason: 'is given without removedOn' };
  return null;
};

const LISTING_RULES = [inOrder('listedOn', 'removedOn'), removalExplained];

export const REGISTRY_LISTS = {
  abnormalOperationListings: {
    recordType: 'AbnormalOperationListing',
    table: 'abnormal_operation_listings',
    publicWhen: WHILE_PUBLICITY_LASTS,
    // Removed once its cause is put right (SAMR abnormal operation list rules): no minimum term.
    repair: { admissibleFrom: 'listed_on', term: 'none: once its cause is put right (SAMR abnormal operation list rules)', listing: true },
    ingest: {
      fields: LISTING_FIELDS,
      rules: LISTING_RULES,
      negative: 'true',
      // Published while listed (经营异常名录): no end until removed, then the day of removal.
      publicityTerm: 'removed_on',
      describe: (r) => `列入经营异常名录（${String(r.listedOn)}）：${String(r.reason)}${typeof r.removedOn === 'string' ? `；已于 ${r.removedOn} 移出` : ''}`,
    },
  },
  seriousIllegalListings: {
    recordType: 'SeriousIllegalListing',
    table: 'serious_illegal_listings',
    publicWhen: WHILE_PUBLICITY_LASTS,
    repair: { ...minimumTerm(12, 'listed_on', 'SAMR serious illegal list rules: a full year listed'), listing: true },
    ingest: {
      fields: LISTING_FIELDS,
      rules: LISTING_RULES,
      negative: 'true',
      // Published for 3 years from the listing (严重违法失信名单), or until an earlier removal.
      publicityTerm: `least(removed_on, listed_on + interval '3 years')`,
      describe: (r) => `列入严重违法失信名单（${String(r.listedOn)}）：${String(r.reason)}${typeof r.removedOn === 'string' ? `；已于 ${r.removedOn} 移出` : ''}`,
    },
  },
} as const satisfies Record<string, RecordList>;

export interface SubjectRow {
  readonly code: string;
  readonly code_type: string;
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly established_on: string | null;
  readonly registered_capital: string | null;
  readonly address: string | null;
  readonly division_code: string;
  readonly region_name: string;
  readonly industry: string | null;
  readonly legal_rep_name: string | null;
  readonly registration_authority: string | null;
}

const SUBJECT_COLUMNS = [
  'code',
  'code_type',
  'kind',
  'name',
  'status',
  'established_on',
  'registered_capital',
  'address',
  'division_code',
  'region_name',
  'industry',
  'legal_rep_name',
  'registration_authority',
] as const;

/** The registry's subjects by code, read by the record loaders in the same statement as the listings (`records.lookup`). */
export const SUBJECT_LOOKUP: LookupTable = { table: 'subjects', key: 'code', columns: SUBJECT_COLUMNS };

function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The distinct two-character grams of a text, split by code point as `subject_name_grams_of` splits a name. */
export function gramsOf(text: string): string[] {
  const chars = [...text];
  return [...new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`))];
}

/**
 * The organizations listed under the rarest gram of `query` (registry migration
 * 20261203090000_name_search_grams): one range of the grams' primary key, in (name, code) order,
 * holding every name that contains `query` (and others, that the LIKE drops). A gram without a count
 * is taken as the rarest: new since the counts were refreshed, so rare.
 */
function candidates(db: Knex, query: string): Knex.QueryBuilder {
  const grams = gramsOf(query);
  const rarest =
    grams.length === 1
      ? db.raw('?::text', [grams[0] as string])
      : db.raw(
          `(select g.gram from unnest(?::text[]) as g(gram) left join subject_name_gram_counts c on c.gram = g.gram
            order by coalesce(c.subjects, 0), g.gram limit 1)`,
          [grams],
        );
  return db('subject_name_grams as m')
    .where('m.gram', '=', rarest)
    .whereRaw(`m.name like ? escape '\\'`, [likePattern(query)]);
}

/** A page of organizations whose name contains `query` (two characters or more), after the (name, code) keyset position. */
export async function searchOrganizations(
  db: Knex,
  query: string,
  limit: number,
  after: readonly [string, string] | null,
): Promise<SubjectRow[]> {
  const page = candidates(db, query).select('m.name', 'm.code').orderBy([{ column: 'm.name' }, { column: 'm.code' }]).limit(limit);
  if (after) page.whereRaw('(m.name, m.code) > (? collate "C", ?)', [after[0], after[1]]);
  return db
    .from(page.as('p'))
    .join('subjects as s', 's.code', 'p.code')
    .select<SubjectRow[]>(SUBJECT_COLUMNS.map((c) => `s.${c}`))
    .orderBy([{ column: 'p.name' }, { column: 'p.code' }]);
}

/** How many organizations' names contain `query`, counted up to `cap` (a larger count answers `cap`). */
export async function countOrganizations(db: Knex, query: string, cap: number): Promise<number> {
  const row = await db
    .from(candidates(db, query).select(db.raw('1')).limit(cap).as('p'))
    .count<{ n: number }>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}
