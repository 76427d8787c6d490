import type { RecordList } from '../records';
import { mergeResolvers } from '../subgraph/merge';
import type { CategoryOf } from '../ingest/resolvers';
import { objectionResolvers, objectionSdl } from './objections';
import { repairResolvers, repairSdl } from './repair';
import { statementResolvers, statementSdl } from './statements';
import { submissionResolvers, submissionSdl } from './submissions';

/**
 * The subject's recourse against a sector's records (CIR Arts. 16, 25; SAMR penalty publicity Art. 14),
 * in the sector's own store beside the records it concerns: objections and their answers, the
 * subject's own statements, and credit repair; beside them, the source authority's own records as it
 * submitted them (`<sector>Submissions`, its desk's view). Like the life cycle, it is generated from the sector's
 * record lists: per sector, the same mutations and queues, named after the sector
 * (`fileTaxationObjection`, `answerTaxationObjection`, ...).
 */

/** Where a sector's recourse hangs on its profile: the profile type, and how a profile names its subject. */
export interface RecoursePlacement {
  /** Prefix of the profile's recourse fields (`listing` gives the registry's `Subject.listingObjections`); none for a sector profile. */
  readonly fieldPrefix?: string;
  /** The subject a profile belongs to: a sector profile's `subjectCode` unless said otherwise (the registry's `Subject` row: its `code`). */
  readonly subjectOf?: (profile: never) => string;
}

/** A profile field's name under a placement: `objections`, or `listingObjections` with the prefix `listing`. */
export function profileFieldName(placement: RecoursePlacement, field: string): string {
  return placement.fieldPrefix ? `${placement.fieldPrefix}${field.charAt(0).toUpperCase()}${field.slice(1)}` : field;
}

/** The subject of a profile under a placement. */
export function subjectOfProfile(placement: RecoursePlacement): (profile: unknown) => string {
  return (placement.subjectOf ?? ((profile: { subjectCode: string }) => profile.subjectCode)) as (profile: unknown) => string;
}

/** The SDL a sector's recourse adds (empty when none of its lists takes submissions: no authority to answer). */
export function recourseSdl(sectorName: string, profileType: string, lists: Readonly<Record<string, RecordList>>, placement: RecoursePlacement = {}): string {
  if (!Object.values(lists).some((l) => l.ingest)) return '';
  return [
    objectionSdl(sectorName, profileType, lists, placement),
    statementSdl(sectorName, profileType, lists, placement),
    repairSdl(sectorName, profileType, lists, placement),
    submissionSdl(sectorName, lists),
  ]
    .filter((sdl) => sdl.trim() !== '')
    .join('\n\n');
}

/** The resolvers of `recourseSdl`. */
export function recourseResolvers(sectorName: string, profileType: string, lists: Readonly<Record<string, RecordList>>, categoryOf: CategoryOf, placement: RecoursePlacement = {}) {
  if (!Object.values(lists).some((l) => l.ingest)) return {};
  return mergeResolvers(
    objectionResolvers(sectorName, profileType, lists, categoryOf, placement),
    statementResolvers(sectorName, profileType, lists, categoryOf, placement),
    repairResolvers(sectorName, profileType, lists, categoryOf, placement),
    submissionResolvers(sectorName, lists, categoryOf),
  );
}
