import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kind, print, parse } from 'graphql';
import { subgraphTypeDefs, enumValues } from '../shared/subgraph/sdl';
import { publicRows } from '../shared/records';

/** What a sector team writes, and what the SDL becomes: envelope, connections, page size, public-rows prose. */

function sector(sdl: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'credit-graph-sdl-'));
  writeFileSync(path.join(dir, 'schema.graphql'), sdl);
  return dir;
}

const WRITTEN = `
type Subject @key(fields: "code") {
  code: ID! @classify(category: "registry.identity", level: "PUBLIC")
  transport: TransportProfile @classify(category: "structure", level: "PUBLIC")
}
type TransportProfile {
  penalties(first: Int, after: String): TransportPenaltyConnection @classify(category: "transport.penalty", level: "SHARED")
}
enum PenaltyType { WARNING FINE }
type TransportPenalty implements CreditRecord @classify(category: "transport.penalty", level: "SHARED") {
  fineAmount: Decimal!
}
`;

const typeOf = (sdl: string, name: string) =>
  print(parse(sdl).definitions.find((d) => 'name' in d && d.name?.value === name && d.kind === Kind.OBJECT_TYPE_DEFINITION)!);

describe('a subgraph SDL', () => {
  const rule = publicRows('the fine is unpaid', "status = 'UNPAID'");
  const sdl = print(subgraphTypeDefs(sector(WRITTEN), { 'TransportProfile.penalties': rule, TransportPenalty: rule }));

  it('gives a record type the envelope fields first, its history typed as itself, then its own fields', () => {
    expect(typeOf(sdl, 'TransportPenalty')).toBe(`type TransportPenalty implements CreditRecord @classify(category: "transport.penalty", level: "SHARED", publicWhen: "the fine is unpaid") {
  id: ID!
  sourceAuthority: Authority!
  documentNumber: String
  decisionDate: Date!
  actEndedOn: Date
  publicityEndsOn: Date
  objectionStatus: ObjectionStatus!
  repairStatus: RepairStatus!
  statement: RecordStatement
  version: Int!
  state: RecordState!
  change: RecordChange!
  recordedAt: DateTime!
  changeReason: String @classify(category: "record.history", level: "RESTRICTED")
  recordedBy: String @classify(category: "record.history", level: "RESTRICTED")
  legacyCode: Boolean!
  history: [TransportPenalty!]! @classify(category: "record.history", level: "RESTRICTED")
  fineAmount: Decimal!
}`);
  });

  it('pages a list with a generated connection and edge, a page size and the rule prose', () => {
    expect(typeOf(sdl, 'TransportProfile')).toBe(`type TransportProfile {
  penalties(first: Int, after: String): TransportPenaltyConnection @listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false) @classify(category: "transport.penalty", level: "SHARED", publicWhen: "the fine is unpaid")
}`);
    expect(typeOf(sdl, 'TransportPenaltyConnection')).toBe(`type TransportPenaltyConnection @classify(category: "structure", level: "PUBLIC") {
  totalCount: Int!
  pageInfo: PageInfo!
  edges: [TransportPenaltyEdge!]!
  nodes: [TransportPenalty!]!
}`);
    expect(typeOf(sdl, 'TransportPenaltyEdge')).toBe(`type TransportPenaltyEdge @classify(category: "structure", level: "PUBLIC") {
  cursor: String!
  node: TransportPenalty!
}`);
  });

  it('refuses publicWhen prose written in the SDL, which would have no SQL', () => {
    const dir = sector(WRITTEN.replace('level: "SHARED") {', 'level: "SHARED", publicWhen: "always") {'));
    expect(() => subgraphTypeDefs(dir)).toThrow(/writes publicWhen: declare the rule \(prose and SQL\) with its record list instead/);
  });

  it('refuses a rule for a type or field the SDL does not define', () => {
    expect(() => subgraphTypeDefs(sector(WRITTEN), { 'TransportProfile.fines': rule })).toThrow('publicWhen rules for what the SDL does not define: TransportProfile.fines');
  });

  it('defines a root type a sector lacks from its first generated extension, and refuses extending any other undefined type', () => {
    const generated = 'extend type Query { transportQueue: Int @classify(category: "submission", level: "RESTRICTED") }';
    expect(typeOf(print(subgraphTypeDefs(sector(WRITTEN), {}, generated)), 'Query')).toBe('type Query {\n  transportQueue: Int @classify(category: "submission", level: "RESTRICTED")\n}');
    expect(() => subgraphTypeDefs(sector(WRITTEN), {}, 'extend type Fleet { size: Int }')).toThrow('generated SDL extends Fleet, which the schema does not define');
  });

  it('reads enum values in the order the SDL declares them', () => {
    expect(enumValues(sector(WRITTEN), 'PenaltyType')).toEqual(['WARNING', 'FINE']);
  });
});
