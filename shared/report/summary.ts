import type { ListFigures, RecordList, RecordLoaders, Visibility } from '../records';
import { visibilityOf } from '../subgraph/visibility';
import type { SubgraphRequest } from '../subgraph/request';
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

export type { WorstState } from '../records';

/** Where the summary hangs: a profile type's field, and how a profile names its subject. */
export interface SummaryPlacement {
  /** The field's name: `recordSummary` on a sector profile, `listingSummary` on the registry's `Subject`. */
  readonly field: string;
  readonly subjectOf: (profile: never) => string;
}

export const SECTOR_SUMMARY_FIELD = 'recordSummary';

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

interface SummaryContext {
  readonly request: SubgraphRequest;
  /** The request's record loaders: a summary's figures are read in the same statement as the lists' pages. */
  readonly records: RecordLoaders;
}

/**
 * The lists a summary of `subject` counts for this caller (those classified at most
 * `SUMMARIZED_UP_TO`), each with the visibility its own field has: what the summary reads.
 */
export function summaryParts(request: SubgraphRequest, profileType: string, lists: Readonly<Record<string, RecordList>>, subject: string): Array<{ coordinate: string; list: RecordList; visibility: Visibility }> {
  return Object.entries(lists).flatMap(([field, list]) => {
    const coordinate = `${profileType}.${field}`;
    if (!covers(SUMMARIZED_UP_TO, request.requirementOf(coordinate).level)) return [];
    return [{ coordinate, list, visibility: visibilityOf(request, coordinate, subject) }];
  });
}

/**
 * The resolver of the summary field (merge it into the profile type's resolvers). The worst state is
 * the record loaders' (`createRecordLoaders`' `worstState`): their figures carry it.
 */
export function summaryResolvers(profileType: string, lists: Readonly<Record<string, RecordList>>, placement: SummaryPlacement) {
  const subjectOf = placement.subjectOf as (profile: unknown) => string;
  return {
    [profileType]: {
      [placement.field]: async (profile: unknown, _args: unknown, context: SummaryContext) => {
        const subject = subjectOf(profile);
        const { request } = context;
        const parts = await Promise.all(
          summaryParts(request, profileType, lists, subject).map(({ coordinate, list, visibility }) => {
            const decision = request.decideField(coordinate, subject);
            // The counts of a list seen above PUBLIC disclose that list, on the basis its field would have.
            if (decision.allowed && visibility !== 'public') {
              request.disclosures.add(fieldDisclosure(coordinate, subject, request.requirementOf(coordinate), decision));
            }
            return context.records.figures(list, subject, visibility);
          }),
        );
        const latest = parts.map((p) => p.latest).filter((d): d is string => d !== null).sort().at(-1) ?? null;
        return {
          subjectCode: subject,
          recordsInForce: sum(parts, 'inForce'),
          negativeInForce: sum(parts, 'negative'),
          underObjection: sum(parts, 'underObjection'),
          repaired: sum(parts, 'repaired'),
          latestDecisionOn: latest,
          // One list at most declares the worst state.
          worstState: parts.find((p) => p.worst !== null)?.worst ?? null,
        };
      },
    },
  };
}

const sum = (parts: readonly ListFigures[], key: 'inForce' | 'negative' | 'underObjection' | 'repaired') => parts.reduce((n, p) => n + p[key], 0);
