import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startSubgraphs, startGateway, urlOverrides, callerHeaders, testFetch, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { MovableClock, PUDONG_COURT, PUDONG_TAX, seededSubjects, settingsOn } from '../support/lifeCycle';
import { csvRows, FileRefused, ndjsonRows } from '../../shared/ingest/files';
import type { IncomingRow } from '../../shared/ingest/write';
import { importFile, type ImportRequest } from '../../scripts/import';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('import life cycle', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  let dir: string;
  let company: string;
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  const IMPORT_BYTES_MAX = 16_384;

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'taxation'] });
    gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_IMPORT_BYTES_MAX: String(IMPORT_BYTES_MAX) });
    ({ company } = await seededSubjects(graph.stores.registry));
    dir = await mkdtemp(path.join(tmpdir(), 'cg-import-test-'));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
    await rm(dir, { recursive: true, force: true });
  });

  function arrears(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      taxType: '增值税',
      amountOwed: '12000.50',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      status: 'OUTSTANDING',
      ...extra,
    };
  }

  const ndjson = (rows: readonly unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

  /** A subject code of the right shape whose check character is wrong: a legacy code. */
  function legacyOf(code: string): string {
    const last = code.at(-1) === '0' ? '1' : '0';
    return `${code.slice(0, -1)}${last}`;
  }

  async function fileOf(name: string, content: string | Buffer): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  }

  function run(request: Omit<ImportRequest, 'sector' | 'type' | 'as'> & Partial<ImportRequest>) {
    return importFile(graph.stores.taxation.db, { sector: 'taxation', type: 'arrearsNotices', as: PUDONG_TAX.org, ...request }, { settings: settingsOn(clock), staff: 'ops-1' });
  }

  async function stored(documentNumbers: readonly string[]) {
    return graph.stores.taxation.db('tax_arrears_notices')
      .whereIn('document_number', documentNumbers)
      .where({ current: true })
      .orderBy('document_number')
      .select<Array<{ document_number: string; tax_type: string; legacy_code: boolean; recorded_by: string }>>('document_number', 'tax_type', 'legacy_code', 'recorded_by');
  }

  /** Every row a reader yields from `bytes`, fed in chunks of `size` bytes (1: every boundary). */
  async function read(reader: (source: AsyncIterable<Uint8Array>) => AsyncIterable<IncomingRow>, bytes: Buffer | string, size = 7): Promise<IncomingRow[]> {
    const buffer = Buffer.from(bytes);
    const chunks: Buffer[] = [];
    for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
    const rows: IncomingRow[] = [];
    for await (const row of reader(Readable.from(chunks))) rows.push(row);
    return rows;
  }

  describe('import files are read as they stream', () => {
    it('reads RFC 4180 CSV: BOM, CRLF, quoted commas, doubled quotes and line breaks, with file line numbers', async () => {
      const text = '\uFEFFsubject,documentNumber,taxType\r\nA,"1,2","say ""hi"""\r\nB,"two\r\nlines",x\r\n\r\nC,3,"é"\r\n';
      for (const size of [1, 3, 1000]) {
        expect(await read(csvRows, text, size)).toEqual([
          { line: 2, values: { subject: 'A', documentNumber: '1,2', taxType: 'say "hi"' } },
          { line: 3, values: { subject: 'B', documentNumber: 'two\r\nlines', taxType: 'x' } },
          { line: 6, values: { subject: 'C', documentNumber: '3', taxType: 'é' } },
        ]);
      }
    });

    it('reports a CSV header naming no field, a short row and a stray quote as problems of their lines', async () => {
      const rows = await read((s) => csvRows(s, { fields: new Set(['subject', 'documentNumber']) }), 'subject,colour\nA,red\nB\nC,x"y\n');
      expect(rows).toEqual([
        { line: 1, values: null, problem: { field: 'colour', reason: 'is not a field of this record type' }, header: true },
        { line: 2, values: { subject: 'A' } },
        { line: 3, values: null, problem: { field: '(line)', reason: 'has 1 cells; the header row has 2' } },
        { line: 4, values: null, problem: { field: '(line)', reason: expect.stringContaining('quote inside an unquoted cell') } },
      ]);
    });

    it('reads NDJSON line by line, skipping blank lines; a line that is not one JSON object is a problem of that line', async () => {
      const rows = await read(ndjsonRows, '{"a":"北京"}\n\n{"a":\n[1]\r\n{"b":2}');
      expect(rows).toEqual([
        { line: 1, values: { a: '北京' } },
        { line: 3, values: null, problem: { field: '(line)', reason: expect.stringContaining('is not valid JSON') } },
        { line: 4, values: null, problem: { field: '(line)', reason: 'must be one JSON object of fields, got a list' } },
        { line: 5, values: { b: 2 } },
      ]);
    });

    it.each([
      ['invalid UTF-8', Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]), 2, 'is not UTF-8 text'],
      ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 1, 'is not UTF-8 text'],
      ['a NUL byte', Buffer.from('{"a":1}\n{"a":"\u0000"}\n'), 2, 'holds a NUL byte'],
      ['a JSON array', Buffer.from('[{"a":1},\n{"a":2}]\n'), 1, 'is a JSON array'],
      ['no records', Buffer.from('\n\n'), null, 'holds no records'],
    ])('refuses %s as a whole file', async (_what, bytes, line, reason) => {
      const refusal = await read(ndjsonRows, bytes).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(FileRefused);
      expect(refusal).toMatchObject({ line, reason: expect.stringContaining(reason) });
    });
  });

  describe('npm run import, in process', () => {
    it('imports an NDJSON file, then reports the same file again as all unchanged', async () => {
      const file = await fileOf('day1.ndjson', ndjson([arrears('沪浦税欠〔2026〕101号'), arrears('沪浦税欠〔2026〕102号'), arrears('沪浦税欠〔2026〕103号')]));
      const first = await run({ file });
      expect(first).toEqual({
        exitCode: 0,
        report: expect.objectContaining({ recordType: 'TaxArrearsNotice', received: 3, created: 3, corrected: 0, unchanged: 0, notices: 3, written: true, problemCount: 0 }),
        lines: ['written: 3 row(s): 3 created, 0 corrected, 0 unchanged; 3 notice(s) to subjects', expect.stringContaining(`of ${PUDONG_TAX.name} (${PUDONG_TAX.org})`)],
      });
      const again = await run({ file });
      expect(again.exitCode).toBe(0);
      expect(again.report).toMatchObject({ received: 3, created: 0, unchanged: 3, notices: 0, written: false });
      expect(again.lines[0]).toBe('nothing to change: 3 row(s): 0 created, 0 corrected, 3 unchanged; 0 notice(s) to subjects');
      expect((await stored(['沪浦税欠〔2026〕101号'])).map((r) => r.recorded_by)).toEqual(['ops-1']);
    });

    it('imports a CSV file of text cells', async () => {
      const header = 'subject,documentNumber,decisionDate,taxType,amountOwed,periodStart,periodEnd,status';
      const file = await fileOf('day1.csv', `\uFEFF${header}\r\n${company},沪浦税欠〔2026〕111号,2026-11-20,"增值税,附加",100.00,2026-01-01,2026-06-30,OUTSTANDING\r\n${company},沪浦税欠〔2026〕112号,2026-11-20,印花税,5,2026-01-01,2026-03-31,PAID\r\n`);
      const outcome = await run({ file });
      expect(outcome.exitCode).toBe(0);
      expect(outcome.report).toMatchObject({ received: 2, created: 2, written: true });
      expect((await stored(['沪浦税欠〔2026〕111号', '沪浦税欠〔2026〕112号'])).map((r) => r.tax_type)).toEqual(['增值税,附加', '印花税']);
    });

    it('counts the records of a file as received, never the problems of its header', async () => {
      const outcome = await run({ file: await fileOf('extra.csv', 'subject,documentNumber,colour,size,shape\nA,1,red,L,round\nB,2,blue,S,square\n') });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.report).toMatchObject({ received: 2, created: 0, written: false });
      expect(outcome.report?.problems.filter((p) => p.line === 1).map((p) => p.field)).toEqual(['colour', 'size', 'shape']);
    });

    it('writes nothing from a file with 3 bad lines, and names lines 2, 5 and 7 with their fields', async () => {
      const numbers = Array.from({ length: 8 }, (_, i) => `沪浦税欠〔2026〕${121 + i}号`);
      const rows: unknown[] = numbers.map((n) => arrears(n));
      rows[1] = arrears(numbers[1]!, { amountOwed: '-3' });
      rows[4] = arrears(numbers[4]!, { subject: legacyOf(company) });
      rows[6] = arrears(numbers[6]!, { periodEnd: '2025-12-31' });
      const outcome = await run({ file: await fileOf('bad.ndjson', ndjson(rows)) });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.report).toMatchObject({ received: 8, created: 0, written: false, problemCount: 3 });
      expect(outcome.report?.problems).toEqual([
        { line: 2, field: 'amountOwed', reason: expect.stringContaining('at least') },
        { line: 5, field: 'subject', reason: expect.stringContaining('check character') },
        { line: 7, field: 'periodEnd', reason: 'is before periodStart (2025-12-31 < 2026-01-01)' },
      ]);
      expect(outcome.lines).toEqual([
        'refused: 3 problem(s) in 8 row(s) read; nothing was written',
        expect.stringMatching(/^ {2}line 2: amountOwed /),
        expect.stringMatching(/^ {2}line 5: subject /),
        expect.stringMatching(/^ {2}line 7: periodEnd /),
      ]);
      expect(await stored(numbers)).toEqual([]);
    });

    it('takes a legacy subject code only with --accept-legacy-codes, and marks it', async () => {
      const file = await fileOf('legacy.ndjson', ndjson([arrears('沪浦税欠〔2026〕131号', { subject: legacyOf(company) })]));
      const refused = await run({ file });
      expect(refused.exitCode).toBe(2);
      expect(refused.report?.problems).toEqual([{ line: 1, field: 'subject', reason: expect.stringContaining('--accept-legacy-codes') }]);
      const accepted = await run({ file, acceptLegacyCodes: true });
      expect(accepted.exitCode).toBe(0);
      expect(accepted.report).toMatchObject({ created: 1 });
      expect(await stored(['沪浦税欠〔2026〕131号'])).toEqual([expect.objectContaining({ legacy_code: true })]);
    });

    it('checks and counts a dry run, and writes nothing', async () => {
      const outcome = await run({ file: await fileOf('dry.ndjson', ndjson([arrears('沪浦税欠〔2026〕141号')])), dryRun: true });
      expect(outcome).toMatchObject({ exitCode: 0, report: { created: 1, notices: 1 }, lines: [expect.stringMatching(/^dry run, nothing written: 1 row/), expect.any(String)] });
      expect(await stored(['沪浦税欠〔2026〕141号'])).toEqual([]);
    });

    it('refuses an unknown sector or type, an authority for another category, a bad code, a binary file', async () => {
      const file = await fileOf('one.ndjson', ndjson([arrears('沪浦税欠〔2026〕151号')]));
      expect(await run({ file, sector: 'weather' })).toMatchObject({ exitCode: 2, report: null, lines: [expect.stringContaining('unknown sector "weather"')] });
      expect(await run({ file, type: 'parkingTickets' })).toMatchObject({ exitCode: 2, lines: [expect.stringContaining('known: registrations, creditRatings, arrearsNotices')] });
      expect(await run({ file, as: PUDONG_COURT.org })).toMatchObject({ exitCode: 2, lines: [`${PUDONG_COURT.name} submits finance.judicial; this record type is tax.arrears`] });
      expect(await run({ file, as: '91310000MA1FL0000X' })).toMatchObject({ exitCode: 2, lines: [expect.stringContaining('--as: not a valid')] });
      const binary = await run({ file: await fileOf('image.ndjson', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00])) });
      expect(binary).toMatchObject({ exitCode: 2, report: { problems: [{ line: 1, field: '(file)', reason: expect.stringContaining('is not UTF-8') }] } });
      expect(await stored(['沪浦税欠〔2026〕151号'])).toEqual([]);
    });
  });

  describe('POST /imports/<sector>/<list> through the gateway', () => {
    async function upload(claims: typeof PUDONG_TAX | typeof DEMO_BANK_CALLER | null, body: string, options: { contentType?: string; sector?: string; list?: string; query?: string; token?: string } = {}) {
      const auth = options.token ? { authorization: `Bearer ${options.token}` } : claims ? await callerHeaders(claims) : {};
      const response = await testFetch(`${gateway.url}/imports/${options.sector ?? 'taxation'}/${options.list ?? 'arrearsNotices'}${options.query ?? ''}`, {
        method: 'POST',
        headers: { 'content-type': options.contentType ?? 'application/x-ndjson', ...auth },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('answers 201 with the report when written, then 200 when the same file changes nothing', async () => {
      const file = ndjson([arrears('沪浦税欠〔2026〕201号'), arrears('沪浦税欠〔2026〕202号')]);
      const report = { recordType: 'TaxArrearsNotice', received: 2, created: 2, corrected: 0, unchanged: 0, notices: 2, written: true };
      expect(await upload(PUDONG_TAX, file)).toEqual({ status: 201, body: { report } });
      expect(await upload(PUDONG_TAX, file)).toEqual({ status: 200, body: { report: { ...report, created: 0, unchanged: 2, notices: 0, written: false } } });
    });

    it('answers 422 INVALID_RECORDS naming each bad line, and writes nothing; a legacy code passes with acceptLegacyCodes=true', async () => {
      const csv = `subject,documentNumber,decisionDate,taxType,amountOwed,periodStart,periodEnd,status\n${company},沪浦税欠〔2026〕211号,2026-11-20,增值税,1.00,2026-01-01,2026-06-30,OUTSTANDING\n${legacyOf(company)},沪浦税欠〔2026〕212号,2026-11-20,增值税,1.00,2026-01-01,2026-06-30,OWED\n`;
      const refused = await upload(PUDONG_TAX, csv, { contentType: 'text/csv; charset=utf-8' });
      expect(refused).toEqual({
        status: 422,
        body: {
          errors: [
            {
              message: expect.stringContaining('2 problem(s) in the file, so nothing was written'),
              extensions: {
                code: 'INVALID_RECORDS',
                problemCount: 2,
                problems: [
                  { line: 3, field: 'subject', reason: expect.stringContaining('check character') },
                  { line: 3, field: 'status', reason: expect.stringContaining('must be one of') },
                ],
              },
            },
          ],
          report: expect.objectContaining({ received: 2, created: 0, written: false }),
        },
      });
      expect(await stored(['沪浦税欠〔2026〕211号'])).toEqual([]);
      const legacy = await upload(PUDONG_TAX, csv.replace('OWED', 'OUTSTANDING'), { contentType: 'text/csv', query: '?acceptLegacyCodes=true' });
      expect(legacy).toMatchObject({ status: 201, body: { report: { created: 2 } } });
      expect((await stored(['沪浦税欠〔2026〕212号']))[0]).toMatchObject({ legacy_code: true });
    });

    it('answers 401 without a valid token, 403 to a court and to a bank, 400 for a bad content type or list, 413 over CG_IMPORT_BYTES_MAX', async () => {
      const file = ndjson([arrears('沪浦税欠〔2026〕221号')]);
      expect(await upload(null, file)).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
      expect(await upload(null, file, { token: 'not-a-token' })).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
      expect(await upload(PUDONG_COURT, file)).toMatchObject({ status: 403, body: { errors: [{ message: expect.stringContaining('a TaxArrearsNotice is tax'), extensions: { code: 'FORBIDDEN' } }] } });
      expect(await upload(DEMO_BANK_CALLER, file)).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
      expect(await upload(PUDONG_TAX, file, { contentType: 'application/json' })).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
      expect(await upload(PUDONG_TAX, file, { list: 'parkingTickets' })).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('parkingTickets') }] } });
      // A subgraph that takes no imports, and one that takes them for other categories: the caller's mistake, never a 5xx.
      expect(await upload(PUDONG_TAX, file, { sector: 'access', list: 'consents' })).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
      expect(await upload(PUDONG_TAX, file, { sector: 'nowhere' })).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
      expect(await upload(PUDONG_TAX, file, { sector: 'registry', list: 'abnormalOperationListings' })).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
      const big = ndjson(Array.from({ length: 100 }, (_, i) => arrears(`沪浦税欠〔2026〕${300 + i}号`)));
      expect(Buffer.byteLength(big)).toBeGreaterThan(IMPORT_BYTES_MAX);
      expect(await upload(PUDONG_TAX, big)).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
      expect(await stored(['沪浦税欠〔2026〕221号', '沪浦税欠〔2026〕300号'])).toEqual([]);
    });
  });
});
