import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { AcknowledgementsError, parseAcknowledgements, type Acknowledgement } from '../scripts/schema-check/acknowledgements';
import { checkSupergraphs, formatReport, type CheckResult } from '../scripts/schema-check/check';
import { runCheckSchema } from '../scripts/schema-check/cli';

/**
 * `npm run check:schema` on small supergraphs composed here (two subgraphs sharing `Subject`), and
 * its command line on the committed supergraph.graphql.
 */

const HEADER = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
    @link(url: "https://credit-graph.org/classification/v1.0", import: ["@classify"])
    @composeDirective(name: "@classify")
  directive @classify(category: String!, level: String!, publicWhen: String) on OBJECT | INTERFACE | FIELD_DEFINITION
`;

const REGISTRY = `
  type Query { subject(code: ID!): Subject @classify(category: "structure", level: "PUBLIC") }
  type Subject @key(fields: "code") @classify(category: "registry.identity", level: "PUBLIC") {
    code: ID!
    name: String!
    listings: [Listing!]! @classify(category: "registry.listing", level: "SHARED", publicWhen: "publicityEndsOn is null or has not passed")
  }
  type Listing @classify(category: "registry.listing", level: "SHARED") {
    reason: String!
    listedOn: String!
    oldCode: String @deprecated(reason: "use reason")
  }
`;

const TAXATION = `
  type Subject @key(fields: "code") @classify(category: "registry.identity", level: "PUBLIC") {
    code: ID!
    taxRating: TaxRating @classify(category: "tax.rating", level: "SHARED")
  }
  type TaxRating @classify(category: "tax.rating", level: "SHARED") {
    grade: String!
    year: Int!
  }
`;

function supergraph(subgraphs: Record<string, string>): string {
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: parse(HEADER + sdl) })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** Replaces exactly one occurrence, so a test cannot pass on an edit that did not happen. */
function edit(sdl: string, from: string, to: string): string {
  const at = sdl.indexOf(from);
  if (at < 0 || sdl.indexOf(from, at + 1) >= 0) throw new Error(`'${from}' is not in the SDL exactly once`);
  return sdl.slice(0, at) + to + sdl.slice(at + from.length);
}

const BASE = supergraph({ registry: REGISTRY, taxation: TAXATION });

function check(subgraphs: Record<string, string>, acknowledgements: readonly Acknowledgement[] = []): Promise<CheckResult> {
  return checkSupergraphs(BASE, supergraph(subgraphs), acknowledgements);
}

/** criticality, type, coordinate and the schemas a change shows in: what the report lists. */
function listed(result: CheckResult): string[][] {
  return result.changes.map((c) => [c.criticality, c.type, c.coordinate, c.schemas.join(',')]);
}

describe('check:schema compares a supergraph with the base one', () => {
  it('passes an unchanged schema with no change at all', async () => {
    const result = await checkSupergraphs(BASE, BASE, []);
    expect(result).toEqual({ changes: [], unacknowledged: [], unusedAcknowledgements: [], notes: [], failed: false });
  });

  it('passes an added optional field, reporting it with its classification', async () => {
    const result = await check({ registry: edit(REGISTRY, 'listedOn: String!', 'listedOn: String!\n    removedOn: String'), taxation: TAXATION });
    expect(listed(result)).toEqual([
      ['NON_BREAKING', 'FIELD_ADDED', 'Listing.removedOn', 'api,registry'],
      ['NON_BREAKING', 'NEW_FIELD_CLASSIFIED', 'Listing.removedOn', 'registry'],
    ]);
    expect(result.changes[1]!.message).toBe("New field 'Listing.removedOn' is registry.listing/SHARED");
    expect(result.failed).toBe(false);
  });

  it('fails on a removed field, found in the API schema and in the subgraph that served it', async () => {
    const result = await check({ registry: edit(REGISTRY, 'reason: String!', ''), taxation: TAXATION });
    expect(listed(result)).toEqual([['BREAKING', 'FIELD_REMOVED', 'Listing.reason', 'api,registry']]);
    expect(result.changes[0]!.message).toBe("Field 'reason' was removed from object type 'Listing'");
    expect(result.unacknowledged).toEqual(result.changes);
    expect(result.failed).toBe(true);
  });

  it('reports the removal of a field deprecated on the base as dangerous, not breaking', async () => {
    const result = await check({ registry: edit(REGISTRY, 'oldCode: String @deprecated(reason: "use reason")', ''), taxation: TAXATION });
    expect(listed(result)).toEqual([['DANGEROUS', 'FIELD_REMOVED', 'Listing.oldCode', 'api,registry']]);
    expect(result.failed).toBe(false);
  });

  it('fails on a changed field type', async () => {
    const result = await check({ registry: REGISTRY, taxation: edit(TAXATION, 'year: Int!', 'year: String!') });
    expect(listed(result)).toEqual([['BREAKING', 'FIELD_TYPE_CHANGED', 'TaxRating.year', 'api,taxation']]);
    expect(result.changes[0]!.message).toBe("Field 'TaxRating.year' changed type from 'Int!' to 'String!'");
    expect(result.failed).toBe(true);
  });

  it('fails when a field moves to another subgraph unacknowledged, though the API schema does not change', async () => {
    const result = await check({
      registry: edit(REGISTRY, 'name: String!', ''),
      taxation: edit(TAXATION, 'code: ID!', 'code: ID!\n    name: String! @classify(category: "registry.identity", level: "PUBLIC")'),
    });
    expect(listed(result)).toEqual([
      ['BREAKING', 'FIELD_REMOVED', 'Subject.name', 'registry'],
      ['NON_BREAKING', 'FIELD_ADDED', 'Subject.name', 'taxation'],
    ]);
    expect(result.failed).toBe(true);
  });

  it('fails when a subgraph is removed', async () => {
    const result = await check({ registry: edit(REGISTRY, 'type Subject @key(fields: "code")', 'type Subject') });
    expect(listed(result)).toEqual([
      // The registry no longer resolves Subject entities for anyone: the gateway's plans must change first.
      ['BREAKING', 'FIELD_REMOVED', 'Query._entities', 'registry'],
      ['BREAKING', 'FIELD_REMOVED', 'Subject.taxRating', 'api'],
      ['BREAKING', 'TYPE_REMOVED', 'TaxRating', 'api'],
      ['BREAKING', 'TYPE_REMOVED', '_Entity', 'registry'],
      ['BREAKING', 'SUBGRAPH_REMOVED', 'taxation', 'taxation'],
      ['DANGEROUS', 'DIRECTIVE_USAGE_OBJECT_REMOVED', 'Subject.@key', 'registry'],
      ['DANGEROUS', 'DIRECTIVE_USAGE_FIELD_DEFINITION_REMOVED', 'Subject.code.@shareable', 'registry'],
    ]);
    expect(result.failed).toBe(true);
  });
});

describe('check:schema treats a field becoming more visible as breaking unless acknowledged', () => {
  const lowered = { registry: REGISTRY, taxation: edit(TAXATION, 'type TaxRating @classify(category: "tax.rating", level: "SHARED")', 'type TaxRating @classify(category: "tax.rating", level: "PUBLIC")') };
  const acknowledgement: Acknowledgement = {
    change: 'CLASSIFICATION_LOOSENED',
    coordinate: 'TaxRating',
    to: { category: 'tax.rating', level: 'PUBLIC', publicWhen: null },
    reason: 'Tax grades are published since the 2026 notice',
  };

  it('fails on a lowered level, reported once on the type whose @classify moved', async () => {
    const result = await check(lowered);
    expect(listed(result)).toEqual([['BREAKING', 'CLASSIFICATION_LOOSENED', 'TaxRating', 'taxation']]);
    expect(result.changes[0]!.message).toBe("Type 'TaxRating' (the 2 fields it classifies: grade, year) becomes more visible: level lowered SHARED -> PUBLIC");
    expect(result.changes[0]!.classification).toEqual({
      before: { category: 'tax.rating', level: 'SHARED', publicWhen: null },
      after: { category: 'tax.rating', level: 'PUBLIC', publicWhen: null },
    });
    expect(result.failed).toBe(true);
  });

  it('passes a lowered level acknowledged for the classification it now has, naming the acknowledgement', async () => {
    const result = await check(lowered, [acknowledgement]);
    expect(result.changes).toEqual([expect.objectContaining({ type: 'CLASSIFICATION_LOOSENED', coordinate: 'TaxRating', acknowledgement })]);
    expect(result.unacknowledged).toEqual([]);
    expect(result.failed).toBe(false);
    expect(formatReport(result, 'main', 'schema-acknowledgements.json')).toContain('reason: Tax grades are published since the 2026 notice');
  });

  it('still fails when the acknowledgement names another outcome than the one the change reaches', async () => {
    const result = await check(lowered, [{ ...acknowledgement, to: { category: 'tax.rating', level: 'SHARED', publicWhen: null } }]);
    expect(result.unacknowledged.map((c) => c.coordinate)).toEqual(['TaxRating']);
    expect(result.unusedAcknowledgements).toHaveLength(1);
    expect(result.failed).toBe(true);
  });

  it('fails on a lowered field level, and an acknowledgement of the field lets it through', async () => {
    const loweredField = {
      registry: edit(REGISTRY, 'level: "SHARED", publicWhen: "publicityEndsOn is null or has not passed"', 'level: "PUBLIC", publicWhen: "publicityEndsOn is null or has not passed"'),
      taxation: TAXATION,
    };
    const result = await check(loweredField);
    expect(listed(result)).toEqual([['BREAKING', 'CLASSIFICATION_LOOSENED', 'Subject.listings', 'registry']]);
    expect(result.changes[0]!.message).toBe("'Subject.listings' becomes more visible: level lowered SHARED -> PUBLIC");
    const acknowledged = await check(loweredField, [
      {
        change: 'CLASSIFICATION_LOOSENED',
        coordinate: 'Subject.listings',
        to: { category: 'registry.listing', level: 'PUBLIC', publicWhen: 'publicityEndsOn is null or has not passed' },
        reason: 'Listings are published',
      },
    ]);
    expect(acknowledged.failed).toBe(false);
  });

  it('passes a raised level, reporting it as dangerous', async () => {
    const result = await check({ registry: REGISTRY, taxation: edit(TAXATION, 'taxRating: TaxRating @classify(category: "tax.rating", level: "SHARED")', 'taxRating: TaxRating @classify(category: "tax.rating", level: "RESTRICTED")') });
    expect(listed(result)).toEqual([['DANGEROUS', 'CLASSIFICATION_TIGHTENED', 'Subject.taxRating', 'taxation']]);
    expect(result.changes[0]!.message).toBe("'Subject.taxRating' becomes less visible: level raised SHARED -> RESTRICTED");
    expect(result.failed).toBe(false);
  });

  it('fails on a new publicWhen unless acknowledged with that publicWhen', async () => {
    const publicWhen = { registry: REGISTRY, taxation: edit(TAXATION, 'taxRating: TaxRating @classify(category: "tax.rating", level: "SHARED")', 'taxRating: TaxRating @classify(category: "tax.rating", level: "SHARED", publicWhen: "grade is A")') };
    const result = await check(publicWhen);
    expect(listed(result)).toEqual([['BREAKING', 'CLASSIFICATION_LOOSENED', 'Subject.taxRating', 'taxation']]);
    expect(result.changes[0]!.message).toBe(`'Subject.taxRating' becomes more visible: publicWhen added: "grade is A"`);
    expect(result.failed).toBe(true);
    const acknowledged = await check(publicWhen, [
      { change: 'CLASSIFICATION_LOOSENED', coordinate: 'Subject.taxRating', to: { category: 'tax.rating', level: 'SHARED', publicWhen: 'grade is A' }, reason: 'A-grade taxpayers are published' },
    ]);
    expect(acknowledged.failed).toBe(false);
  });

  it('fails on a reworded publicWhen and on a changed category, even with a raised level', async () => {
    const result = await check({
      registry: edit(REGISTRY, 'level: "SHARED", publicWhen: "publicityEndsOn is null or has not passed"', 'level: "SHARED", publicWhen: "listedOn is in the last year"'),
      taxation: edit(TAXATION, 'taxRating: TaxRating @classify(category: "tax.rating", level: "SHARED")', 'taxRating: TaxRating @classify(category: "tax.registration", level: "RESTRICTED")'),
    });
    expect(result.changes.map((c) => [c.criticality, c.type, c.message])).toEqual([
      ['BREAKING', 'CLASSIFICATION_LOOSENED', `'Subject.listings' becomes more visible: publicWhen changed "publicityEndsOn is null or has not passed" -> "listedOn is in the last year"`],
      ['BREAKING', 'CLASSIFICATION_LOOSENED', "'Subject.taxRating' becomes more visible: category changed tax.rating -> tax.registration; level raised SHARED -> RESTRICTED"],
    ]);
    expect(result.failed).toBe(true);
  });

  it('passes a removed classification, reported as dangerous: an unclassified field is denied to every caller', async () => {
    const result = await check({ registry: edit(REGISTRY, 'type Listing @classify(category: "registry.listing", level: "SHARED")', 'type Listing'), taxation: TAXATION });
    expect(listed(result)).toEqual([['DANGEROUS', 'CLASSIFICATION_TIGHTENED', 'Listing', 'registry']]);
    expect(result.changes[0]!.message).toBe("Type 'Listing' (the 3 fields it classifies: reason, listedOn, oldCode) becomes less visible: classification removed: now unclassified, denied to every caller");
    expect(result.failed).toBe(false);
  });

  it('fails on a classification given to a field that had none (it was denied to all)', async () => {
    const unclassifiedBase = supergraph({ registry: edit(REGISTRY, 'type Listing @classify(category: "registry.listing", level: "SHARED")', 'type Listing'), taxation: TAXATION });
    const result = await checkSupergraphs(unclassifiedBase, BASE, []);
    expect(listed(result)).toEqual([['BREAKING', 'CLASSIFICATION_LOOSENED', 'Listing', 'registry']]);
    expect(result.changes[0]!.message).toBe(
      "Type 'Listing' (the 3 fields it classifies: reason, listedOn, oldCode) becomes more visible: was unclassified (denied to every caller), now registry.listing/SHARED",
    );
  });

  it('reports acknowledgements that nothing used, without failing', async () => {
    const result = await checkSupergraphs(BASE, BASE, [acknowledgement]);
    expect(result.unusedAcknowledgements).toEqual([acknowledgement]);
    expect(result.failed).toBe(false);
    expect(formatReport(result, 'main (abc1234)', 'schema-acknowledgements.json')).toContain(
      'note: unused acknowledgement CLASSIFICATION_LOOSENED TaxRating in schema-acknowledgements.json: nothing it covers changed against main (abc1234); remove it',
    );
  });
});

describe('the acknowledgements file', () => {
  it('reads each entry with its change, coordinate, reason and, for a loosened classification, the outcome', () => {
    expect(
      parseAcknowledgements(
        JSON.stringify({
          acknowledgements: [
            { change: 'FIELD_REMOVED', coordinate: 'Listing.reason', reason: 'Replaced by Listing.grounds' },
            { change: 'CLASSIFICATION_LOOSENED', coordinate: 'TaxRating', to: { category: 'tax.rating', level: 'PUBLIC' }, reason: 'Published' },
          ],
        }),
        'acks.json',
      ),
    ).toEqual([
      { change: 'FIELD_REMOVED', coordinate: 'Listing.reason', reason: 'Replaced by Listing.grounds' },
      { change: 'CLASSIFICATION_LOOSENED', coordinate: 'TaxRating', to: { category: 'tax.rating', level: 'PUBLIC', publicWhen: null }, reason: 'Published' },
    ]);
  });

  it('rejects entries without a reason, a loosening without its outcome, and an outcome on another change, all at once', () => {
    const text = JSON.stringify({
      acknowledgements: [
        { change: 'FIELD_REMOVED', coordinate: 'Listing.reason', reason: ' ' },
        { change: 'CLASSIFICATION_LOOSENED', coordinate: 'TaxRating', to: { category: 'tax.rating', level: 'OPEN' }, reason: 'Published' },
        { change: 'FIELD_REMOVED', coordinate: 'Listing.reason', to: { category: 'tax.rating', level: 'PUBLIC' }, reason: 'Gone' },
      ],
    });
    expect(() => parseAcknowledgements(text, 'acks.json')).toThrow(AcknowledgementsError);
    expect(() => parseAcknowledgements(text, 'acks.json')).toThrow(
      [
        'acks.json: acknowledgements[0]: "reason" must be a non-empty string',
        'acks.json: acknowledgements[1]: a CLASSIFICATION_LOOSENED needs "to": { "category": "...", "level": "PUBLIC|SHARED|RESTRICTED|SPECIAL", "publicWhen": "..." (optional) }',
        'acks.json: acknowledgements[2]: "to" applies to CLASSIFICATION_LOOSENED only',
      ].join('\n'),
    );
  });

  it('as committed is valid', () => {
    const file = path.resolve(__dirname, '../schema-acknowledgements.json');
    expect(() => parseAcknowledgements(readFileSync(file, 'utf8'), 'schema-acknowledgements.json')).not.toThrow();
  });
});

describe('npm run check:schema on the committed supergraph.graphql', () => {
  const ROOT = path.resolve(__dirname, '..');
  // HEAD's, not the working tree's: the runs below compare with --base HEAD.
  const committed = execFileSync('git', ['show', 'HEAD:supergraph.graphql'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-check-schema-'));

  async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCheckSchema(argv, { cwd: ROOT, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('exits 0 on a supergraph equal to the base, with the summary line last', async () => {
    const file = path.join(dir, 'same.graphql');
    writeFileSync(file, committed);
    const { code, stdout } = await run(['--base', 'HEAD', '--supergraph', file]);
    expect(stdout).toMatch(/^check:schema: ok, nothing breaks against HEAD \([0-9a-f]{7}\) \(0 breaking \(0 acknowledged\), 0 dangerous, 0 safe\)\n$/);
    expect(code).toBe(0);
  });

  it('exits 1 on a field removed from the committed supergraph, listing it and the acknowledgement it needs', async () => {
    const file = path.join(dir, 'removed.graphql');
    writeFileSync(file, edit(committed, '  removedOn: Date\n  removalReason: String\n}\n\ntype AbnormalOperationListingConnection', '  removedOn: Date\n}\n\ntype AbnormalOperationListingConnection'));
    const { code, stdout } = await run(['--base', 'HEAD', '--supergraph', file]);
    expect(stdout).toContain("  [BREAKING] FIELD_REMOVED AbnormalOperationListing.removalReason (api, registry)\n      Field 'removalReason' was removed from object type 'AbnormalOperationListing'\n");
    expect(stdout).toContain('"change": "FIELD_REMOVED",\n    "coordinate": "AbnormalOperationListing.removalReason"');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^check:schema: FAILED, 1 unacknowledged breaking change against HEAD \([0-9a-f]{7}\) \(1 breaking \(0 acknowledged\), 0 dangerous, 0 safe\)$/,
    );
    expect(code).toBe(1);
  });

  it('exits 0 when that removal is acknowledged in the file given', async () => {
    const file = path.join(dir, 'removed.graphql');
    writeFileSync(file, edit(committed, '  removedOn: Date\n  removalReason: String\n}\n\ntype AbnormalOperationListingConnection', '  removedOn: Date\n}\n\ntype AbnormalOperationListingConnection'));
    const acks = path.join(dir, 'acks.json');
    writeFileSync(acks, JSON.stringify({ acknowledgements: [{ change: 'FIELD_REMOVED', coordinate: 'AbnormalOperationListing.removalReason', reason: 'Folded into reason' }] }));
    const { code, stdout } = await run(['--base', 'HEAD', '--supergraph', file, '--acknowledgements', acks]);
    expect(stdout).toContain('  [acknowledged] FIELD_REMOVED AbnormalOperationListing.removalReason (api, registry)');
    expect(stdout).toContain('      reason: Folded into reason\n');
    expect(code).toBe(0);
  });

  it('exits 2 when the base cannot be found, saying so', async () => {
    const { code, stdout, stderr } = await run(['--base', 'no-such-branch-anywhere']);
    expect(stdout).toBe('');
    expect(stderr).toContain("base ref 'no-such-branch-anywhere' not found");
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('check:schema: could not compare (usage error)');
    expect(code).toBe(2);
  });

  it('exits 2 on an unknown option and on an invalid acknowledgements file, and prints its options on --help', async () => {
    expect((await run(['--basis', 'main'])).code).toBe(2);
    const acks = path.join(dir, 'invalid.json');
    writeFileSync(acks, '{"acknowledgements": [{"change": "FIELD_REMOVED"}]}');
    const invalid = await run(['--base', 'HEAD', '--acknowledgements', acks]);
    expect(invalid.stderr).toContain('invalid.json: acknowledgements[0]: "coordinate", "reason" must be a non-empty string');
    expect(invalid.code).toBe(2);
    const help = await run(['--help']);
    expect(help.stdout).toContain('Usage: npm run check:schema -- [--base <ref>]');
    expect(help.code).toBe(0);
  });
});
