import { ecommerceSector } from '../sector';
import { describeSectorRecords } from '../../../test/support/sectorSuite';
import { inject, entities } from '../../../test/support/graphql';

const ecommerce = describeSectorRecords(ecommerceSector, 'ecommerce', ecommerceSector.lists);

describe('ecommerce: a Mercurius subgraph', () => {
  it('serves Federation 2 SDL that links the federation spec', async () => {
    const response = await inject(ecommerce.app, '{ _service { sdl } }');
    const sdl = (response.body.data as { _service: { sdl: string } })._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    expect(sdl).toContain('type Subject @key(fields: "code")');
  });

  it('computes the share of complaints resolved', async () => {
    const seller = ecommerce.subjects[4]!;
    const rows = ecommerce.rowsOf(seller).complaint_statistics!;
    const op = entities([seller.code], 'ecommerce { complaintStatistics(first: 10) { nodes { period complaints resolved resolutionRate } } }');
    const response = await inject(ecommerce.app, op.query, op.variables);
    const nodes = (response.body.data as { _entities: Array<{ ecommerce: { complaintStatistics: { nodes: Array<{ period: string; complaints: number; resolved: number; resolutionRate: number }> } } }> })._entities[0]!.ecommerce.complaintStatistics.nodes;
    expect(nodes.map((n) => n.period).sort()).toEqual(rows.map((r) => String(r.period)).sort());
    for (const node of nodes) expect(node.resolutionRate).toBeCloseTo(node.resolved / node.complaints, 10);
  });

  it('answers a query that does not fit the schema with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await inject(ecommerce.app, '{ nope }');
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Cannot query field "nope" on type "Query".',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });
});
