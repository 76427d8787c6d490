import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AccessClient, CALL_BYTES, chunksBySize, InquiryWriter } from '../../gateway/inquiry';
import type { Caller } from '../../shared/auth/context';
import { subjectAt } from '../../shared/generator/subjects';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import type { Store } from '../../shared/store';
import { openTestStore, testDeps, TEST_DATASET, TEST_SIGNER } from '../support/stores';
import { REGULATOR_PRINCIPAL } from '../support/graphql';
import { urlOf } from '../support/graph';

/**
 * Inquiry records are never lost to a neighbour: requests whose records go out in one group commit
 * each get their own outcome, through the real access subgraph and its store.
 */

let store: Store;
let access: FastifyInstance;
let writer: InquiryWriter;
const group = subjectAt(TEST_DATASET.seed, 0);
const disclosure = { subject: group.code, field: 'FinanceProfile.summary', category: 'finance.credit', level: 'RESTRICTED' as const, basis: 'statutory' as const };
const callerOf = (requestId: string): Caller => ({ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId });

beforeAll(async () => {
  store = await openTestStore(SUBGRAPH_MODULES.access);
  access = await SUBGRAPH_MODULES.access.buildServer(testDeps(store));
  await access.listen({ host: '127.0.0.1', port: 0 });
  writer = new InquiryWriter(new AccessClient(urlOf(access), 5_000, TEST_SIGNER));
});

afterAll(async () => {
  await access?.close();
  await store?.close();
});

describe('inquiry records written together', () => {
  it('writes every good record of a group commit when a neighbour is malformed, oversized or refused', async () => {
    const [good1, good2, oversized, malformed] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const outcomes = await Promise.allSettled([
      writer.write(callerOf(good1), [disclosure]),
      // Over the most disclosures a record may hold: refused, and only it.
      writer.write(callerOf(oversized), Array.from({ length: 20_001 }, (_, i) => ({ ...disclosure, field: `FinanceProfile.f${i}` }))),
      writer.write(callerOf(malformed), [{ ...disclosure, subject: 'x\u0000'.repeat(9) }]),
      // A caller the subgraph does not accept (a staff id no token may carry): its context is refused, and only its.
      writer.write({ principal: { ...REGULATOR_PRINCIPAL, staff: 's'.repeat(200) }, purpose: 'SUPERVISION', requestId: randomUUID() }, [disclosure]),
      writer.write(callerOf(good2), [disclosure]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    const written = await store.db('inquiry_records').whereIn('request_id', [good1, good2, oversized, malformed]).select('request_id', 'id');
    expect(written.map((r) => r.request_id).sort()).toEqual([good1, good2].sort());
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o).value).sort()).toEqual(written.map((r) => String(r.id)).sort());
  });

  it('tells the request whose record failed why, in words', async () => {
    await expect(writer.write(callerOf(randomUUID()), [{ ...disclosure, level: 'TOP' as never }])).rejects.toThrow(
      'the access subgraph did not write the inquiry record (BAD_REQUEST: disclosures[0] is malformed)',
    );
  });

  it('splits a group commit into calls of bounded size, in order, an oversized record alone', () => {
    const small = { disclosures: [disclosure] };
    const big = { disclosures: Array.from({ length: 40_000 }, () => disclosure) };
    expect(Buffer.byteLength(JSON.stringify(big.disclosures))).toBeGreaterThan(CALL_BYTES);
    expect(chunksBySize([small, big, small, small]).map((chunk) => chunk.length)).toEqual([1, 1, 2]);
    expect(chunksBySize([])).toEqual([]);
  });
});
