import type { RecordList } from '../records';
import { ENVELOPE_INPUT, ENVELOPE_INPUT_DESCRIPTIONS } from './spec';

/**
 * The GraphQL a sector's record life cycle adds to its SDL, generated from its record lists' ingestion
 * rules (`RecordList.ingest`), so the mutation, its input type and the checks behind it are one
 * declaration:
 * - per record type `X`: `input XInput` and `Mutation.submit<Xs>(records: [XInput!]!)`;
 * - per sector: `Mutation.withdraw<Sector>Records(recordType:, records:)` and the enum of its types;
 * - on the sector's profile: `notices`, the notices its negative records sent the subject.
 * All of it is classified: writing under `submission` (source authorities only), notices under
 * `record.notice` (the subject and statutory inquirers).
 */

/** `TaxPenalty` -> `TaxPenalties`, `TaxArrearsNotice` -> `TaxArrearsNotices`. */
export function plural(typeName: string): string {
  if (/[^aeiou]y$/.test(typeName)) return `${typeName.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(typeName)) return `${typeName}es`;
  return `${typeName}s`;
}

export function submitMutationOf(recordType: string): string {
  return `submit${plural(recordType)}`;
}

export function withdrawMutationOf(sectorName: string): string {
  return `withdraw${pascal(sectorName)}Records`;
}

export function recordTypeEnumOf(sectorName: string): string {
  return `${pascal(sectorName)}RecordType`;
}

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'An' : 'A');
/** `taxation` -> `Taxation`: a sector's name as the generated fields and types spell it. */
export const pascal = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

const block = (text: string) => `"""\n${text}\n"""`;

/** The SDL a sector's life cycle adds; empty when none of its lists takes submissions. */
/** Where a sector's notices hang: the profile type and its field (a sector's `notices`, the registry's `Subject.listingNotices`). */
export interface NoticesPlacement {
  readonly field?: string;
}

export function lifeCycleSdl(sectorName: string, profileType: string, lists: Readonly<Record<string, RecordList>>, notices: NoticesPlacement = {}): string {
  const noticesField = notices.field ?? 'notices';
  const submittable = Object.values(lists).filter((list) => list.ingest);
  const parts: string[] = [
    `extend type ${profileType} {
  "Notices of negative records sent to the subject by this sector's authorities (CIR Art. 15), newest first."
  ${noticesField}(first: Int, after: String): RecordNoticeConnection @classify(category: "record.notice", level: "RESTRICTED")
}`,
  ];
  if (submittable.length === 0) return parts.join('\n\n');
  const inputTypes = new Set<string>();
  const mutations: string[] = [];
  for (const list of submittable) {
    const spec = list.ingest!;
    const fields = [
      `  ${JSON.stringify(ENVELOPE_INPUT_DESCRIPTIONS.subject)}\n  subject: ID!`,
      ...Object.entries(ENVELOPE_INPUT).map(([name, kind]) => `  ${JSON.stringify(ENVELOPE_INPUT_DESCRIPTIONS[name] ?? name)}\n  ${name}: ${kind.graphql}`),
      ...Object.entries(spec.fields).map(([name, kind]) => `  ${name}: ${kind.graphql}`),
    ];
    for (const kind of Object.values(spec.fields)) for (const sdl of kind.inputTypes ?? []) inputTypes.add(sdl);
    parts.push(`"${article(list.recordType)} ${list.recordType} as its source authority submits it; the source authority is the caller."\ninput ${list.recordType}Input {\n${fields.join('\n')}\n}`);
    mutations.push(
      `  ${block(
        `Submits ${list.recordType} records as the calling source authority, all or none: a new document\nnumber is CREATED, the same record again UNCHANGED, a different one under the same document\nnumber CORRECTED (a new version; \`correctionReason\` required). Negative records notify their subject.`,
      )}\n  ${submitMutationOf(list.recordType)}(records: [${list.recordType}Input!]!): SubmissionReport @classify(category: "submission", level: "RESTRICTED")`,
    );
  }
  parts.push(...inputTypes);
  const enumName = recordTypeEnumOf(sectorName);
  parts.push(`"The record types of ${sectorName} a source authority submits."\nenum ${enumName} {\n${submittable.map((l) => `  ${l.recordType}`).join('\n')}\n}`);
  mutations.push(
    `  ${block('Withdraws records the calling source authority submitted in error: each becomes a new version in\nstate WITHDRAWN and stops being served. All or none.')}\n  ${withdrawMutationOf(sectorName)}(recordType: ${enumName}!, records: [WithdrawRecordInput!]!): SubmissionReport @classify(category: "submission", level: "RESTRICTED")`,
  );
  parts.push(`type Mutation {\n${mutations.join('\n')}\n}`);
  return parts.join('\n\n');
}
