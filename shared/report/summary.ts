import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { quoteIdentifier, rowConditionAt, runPrepared, statementName, type RecordList, type RecordSettings, type Visibility } from '../records';
import { todayOf } from '../clock';
import { visibilityOf } from '../subgraph/visibility';
import type { SubgraphRequest } from '../subgraph/request';
import { withSpan } from '../telemetry';
import { fieldDisclosure } from '../subgraph/disclosures';
import { covers, type Level } from '../policy/levels';

/**
 * A sector's summary on a credit report (`SectorSummary`): how many records of the subject are in
 * force, negative, under objection, repaired, the latest decision and the sector's worst state. It is
 * generated from the sector's record lists like the life cycle, and counts exactly what each list
 * field would show this caller for this subject (`visibilityOf` of the list, `rowCondition`): a public
 * caller's counts count only public records, a bank's those its consent covers. Counting a list the
 * caller sees above PUBLIC is a disclosure of that list, noted for the inquiry record like the list.
 * Only the lists classified (their field's `@classify`) at or below `SUMMARIZED_UP_TO` are counted:
 * special data (finance assets, clinical records, an unclassified list) is never summarized, as the
 * credit report never shows it, so a summary always equals the total of the lists the report shows.
 */

/** The highest level of a list a summary counts: special data is left out of every summary. */
export const SUMMARIZED_UP_TO: Level = 'RESTRICTED';

/** The worst state a sector declares: one column of one list, its values from the best to the worst. */
export interface WorstState {
  /** The list's field on the profile (`creditAccounts`). */
  readonly list: string;
  readonly column: string;
  /** The column's values, best first (`NORMAL` ... `LOSS`); the summary shows the worst one seen. */
  readonly order: readonly string[];
}

/** Where the summary hangs: a profile type's field, and how a profile names its subject. */
export interface SummaryPlacement {
  /** The field's name: `recordSummary` on a sector profile, `listingSummary` on the registry's `Subject`. */
  readonly field: string;
  readonly subjectOf: (profile: never) => string;
}

export const SECTOR_SUMMARY_FIELD = 'recordSummary';

/** What one list adds to a summary: its counts and, when it carries the worst state, the worst rank. */
interface ListCounts {
  readonly inForce: number;
  readonly negative: number;
  readonly underObjection: number;
  readonly repaired: number;
  readonly latest: string | null;
  /** 1-based position in `WorstState.order` of the worst value, or null. */
  readonly worst: number | null;
}

const NONE: ListCounts = { inForce: 0, negative: 0, underObjection: 0, repaired: 0, latest: null, worst: null };

/** The SDL of the summary: the shared type, and the field on the profile. */
export function summarySdl(profileType: string, placement: Pick<SummaryPlacement, 'field'>): string {
  return `"""
A sector's records of one subject, counted as the caller may see them (the same visibility as each
list of the sector): a caller without rights over a list counts only its public records. Only the
lists classified at most RESTRICTED are counted: special data (SPECIAL-level lists, such as finance
assets or clinical records) is never summarized, as a credit report never shows it.
"""
type SectorSummary @shareable @classify(category: "report", level: "PUBLIC") {
  "Records in force the caller sees."
  recordsInForce: Int!
  "Of those, the negative ones (penalties, listings, overdue debts...)."
  negativeInForce: Int!
  "Of those, the ones the subject objected to and whose objection is open."
  underObjection: Int!
  "Of those, the ones whose publicity ended early by credit repair (never counted for the public, who does not see them)."
  repaired: Int!
  "The latest decision date among them."
  latestDecisionOn: Date
  "The sector's worst state among what the caller sees (e.g. finance: the worst five-level classification), when the sector declares one."
  worstState: String
}

extend type ${profileType} {
  "This sector's records of the subject in figures, as the caller may see them: the summary of a credit report."
  ${placement.field}: SectorSummary @classify(category: "report", level: "PUBLIC")
}`;
}

/** One list's counts asked for one subject, as the caller sees the list. */
interface CountKey {
  readonly list: RecordList;
  readonly visibility: Visibility;
  readonly worst: WorstState | null;
  readonly subject: string;
}

type CountRow = { grp: number; subject_code: string; in_force: string; negative: string; under_objection: string; repaired: string; latest: string | null; worst: number | null };

/**
 * The counts of every (list, visibility) asked for while one request resolves, for every subject of
 * the batch, in one statement: a branch per (list, visibility), each grouped by subject, joined with
 * UNION ALL. A summary of a sector's seven lists costs one statement, not seven.
 */
async function countLists(db: Knex, settings: RecordSettings, keys: readonly CountKey[]): Promise<ListCounts[]> {
  const groups = new Map<string, { list: RecordList; visibility: Visibility; worst: WorstState | null; subjects: Set<string> }>();
  for (const key of keys) {
    const id = `${key.list.table}:${key.visibility}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { list: key.list, visibility: key.visibility, worst: key.worst, subjects: new Set() }));
    group.subjects.add(key.subject);
  }
  // Named and prepared (runPrepared): the text depends only on the lists, visibilities and worst
  // states asked for; the day and the subjects are parameters.
  const bindings: unknown[] = [todayOf(settings.clock)];
  const branches = [...groups.values()].map(({ list, visibility, worst, subjects }, grp) => {
    const negative = list.ingest?.negative ?? 'false';
    const worstSql = worst ? `max(array_position(?::text[], t.${quoteIdentifier(worst.column)}::text))` : 'null::int';
    if (worst) bindings.push([...worst.order]);
    bindings.push([...subjects]);
    return `select ${grp} as grp, subject_code, count(*) as in_force,
            count(*) filter (where coalesce((${negative}), false)) as negative,
            count(*) filter (where objection_status = 'UNDER_OBJECTION') as under_objection,
            count(*) filter (where repair_status = 'REPAIRED') as repaired,
            to_char(max(decision_date), 'YYYY-MM-DD') as latest,
            ${worstSql} as worst
       from ${quoteIdentifier(list.table)} t cross join d
      where subject_code = any(?::varchar[]) and ${rowConditionAt(list, visibility, settings, 'd.today')}
      group by subject_code`;
  });
  const sql = `select q.* from (
with d as materialized (select ?::date as today)
${branches.join('\nunion all\n')}
) q`;
  const result = await runPrepared<CountRow>(db, statementName('cg_summary', sql), sql, bindings);
  const ids = [...groups.keys()];
  const found = new Map(result.rows.map((r) => [`${ids[Number(r.grp)]}|${r.subject_code}`, r]));
  return keys.map((key) => {
    const row = found.get(`${key.list.table}:${key.visibility}|${key.subject}`);
    if (!row) return NONE;
    return {
      inForce: Number(row.in_force),
      negative: Number(row.negative),
      underObjection: Number(row.under_objection),
      repaired: Number(row.repaired),
      latest: row.latest,
      worst: row.worst === null ? null : Number(row.worst),
    };
  });
}

interface SummaryContext {
  readonly request: SubgraphRequest;
  readonly lifeCycle: { readonly db: Knex; readonly settings: RecordSettings };
}

/** The loader of one request, kept with its request object: batching and caching never cross requests. */
const loaderOfRequest = new WeakMap<SubgraphRequest, DataLoader<CountKey, ListCounts, string>>();

function loaderFor(context: SummaryContext): DataLoader<CountKey, ListCounts, string> {
  let loader = loaderOfRequest.get(context.request);
  if (!loader) {
    const { db, settings } = context.lifeCycle;
    loader = new DataLoader<CountKey, ListCounts, string>(
      (keys) => withSpan('records.summary', { 'records.batch_size': keys.length }, () => countLists(db, settings, keys)),
      { cacheKeyFn: (key) => `${key.list.table}:${key.visibility}|${key.subject}` },
    );
    loaderOfRequest.set(context.request, loader);
  }
  return loader;
}

/** The resolver of the summary field (merge it into the profile type's resolvers). */
export function summaryResolvers(profileType: string, lists: Readonly<Record<string, RecordList>>, placement: SummaryPlacement, worstState?: WorstState) {
  if (worstState && !Object.hasOwn(lists, worstState.list)) throw new Error(`worstState names ${worstState.list}, which is no record list of ${profileType}`);
  const subjectOf = placement.subjectOf as (profile: unknown) => string;
  return {
    [profileType]: {
      [placement.field]: async (profile: unknown, _args: unknown, context: SummaryContext) => {
        const subject = subjectOf(profile);
        const { request } = context;
        const parts = await Promise.all(
          Object.entries(lists).flatMap(([field, list]) => {
            const coordinate = `${profileType}.${field}`;
            if (!covers(SUMMARIZED_UP_TO, request.requirementOf(coordinate).level)) return [];
            const visibility = visibilityOf(request, coordinate, subject);
            const decision = request.decideField(coordinate, subject);
            // The counts of a list seen above PUBLIC disclose that list, on the basis its field would have.
            if (decision.allowed && visibility !== 'public') {
              request.disclosures.add(fieldDisclosure(coordinate, subject, request.requirementOf(coordinate), decision));
            }
            const worst = worstState?.list === field ? worstState : null;
            return [loaderFor(context).load({ list, visibility, worst, subject })];
          }),
        );
        const worstRank = Math.max(0, ...parts.map((p) => p.worst ?? 0));
        const latest = parts.map((p) => p.latest).filter((d): d is string => d !== null).sort().at(-1) ?? null;
        return {
          subjectCode: subject,
          recordsInForce: sum(parts, 'inForce'),
          negativeInForce: sum(parts, 'negative'),
          underObjection: sum(parts, 'underObjection'),
          repaired: sum(parts, 'repaired'),
          latestDecisionOn: latest,
          worstState: worstRank > 0 ? (worstState?.order[worstRank - 1] ?? null) : null,
        };
      },
    },
  };
}

const sum = (parts: readonly ListCounts[], key: 'inForce' | 'negative' | 'underObjection' | 'repaired') => parts.reduce((n, p) => n + p[key], 0);
