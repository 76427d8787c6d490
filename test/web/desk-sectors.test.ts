import path from 'node:path';
import { isInputObjectType, isNonNullType } from 'graphql';
import { SUBGRAPH_MODULES } from '../../subgraphs/index';
import { apiSchemaOf } from '../../scripts/persisted-manifest';
import { IMPORT_FIELDS } from '../../web/src/desk/importFields';
import { classificationsOf } from '../../shared/policy/classification';
import type { RecordList } from '../../shared/records';
import { RECORD_LISTS, SECTORS, listsSubmitted, sectorsSubmitted } from '../../web/src/desk/sectors';
import { DEMO_AUTHORITIES, PUDONG_MARKET, PUDONG_TAX } from '../../shared/ingest/authorities';

/**
 * The desk's catalogue of record lists (web/src/desk/sectors.ts) is what the sectors declare: every
 * list that takes an import, its record type, the category its records are classified under, and the
 * columns of its file.
 */
describe("the desk's catalogue of record lists", () => {
  it('is every importable list of every sector, with its record type and category', () => {
    const declared = Object.fromEntries(
      SECTORS.map((sector) => {
        const module = SUBGRAPH_MODULES[sector] as { lists?: Readonly<Record<string, RecordList>>; typeDefs: Parameters<typeof classificationsOf>[0] };
        const classified = classificationsOf(module.typeDefs).fields;
        const lists = Object.entries(module.lists ?? {}).filter(([, list]) => list.ingest);
        return [
          sector,
          lists.map(([name, list]) => ({ list: name, recordType: list.recordType, category: classified.get(`${list.recordType}.documentNumber`)?.category })),
        ];
      }),
    );
    expect(RECORD_LISTS).toEqual(declared);
  });

  it("gives each demo authority the sectors and lists its token's categories cover", () => {
    expect(sectorsSubmitted(PUDONG_TAX.submits)).toEqual(['taxation']);
    expect(listsSubmitted(PUDONG_TAX.submits, 'taxation').map((l) => l.list)).toEqual([
      'registrations',
      'creditRatings',
      'arrearsNotices',
      'majorViolations',
      'penalties',
    ]);
    expect(sectorsSubmitted(PUDONG_MARKET.submits)).toEqual(['registry', 'ecommerce']);
    expect(listsSubmitted(PUDONG_MARKET.submits, 'ecommerce').map((l) => l.list)).toEqual(['platformMeasures', 'counterfeitPenalties']);
    for (const authority of DEMO_AUTHORITIES.values()) expect(sectorsSubmitted(authority.submits).length).toBeGreaterThan(0);
  });

  it("names each record type's file columns as its submission input does, required ones as required", () => {
    const schema = apiSchemaOf(path.resolve(__dirname, '../../supergraph.graphql'));
    const expected = Object.fromEntries(
      SECTORS.flatMap((sector) => RECORD_LISTS[sector]).map(({ recordType }) => {
        const input = schema.getType(`${recordType}Input`);
        if (!isInputObjectType(input)) throw new Error(`no ${recordType}Input in the schema`);
        return [recordType, Object.values(input.getFields()).map((f) => [f.name, isNonNullType(f.type)])];
      }),
    );
    expect(IMPORT_FIELDS).toEqual(expected);
  });
});
