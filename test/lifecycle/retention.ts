import { randomUUID } from 'node:crypto';
import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_TAX, settingsOn } from '../support/lifeCycle';
import { loadConfig, parseRetentionYears, ConfigError, type RecordsConfig } from '../../shared/config';
import { recordSettingsOf } from '../../shared/ingest/settings';
import { RETENTION_LOCK, runRetention, scheduleRetention, startRetentionSchedule, type RetentionSummary } from '../../shared/ingest/retention';
import { taxationSector } from '../../subgraphs/taxation/sector';
import type { TokenClaims } from '../../shared/auth/tokens';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('retention life cycle', () => {
  /**
   * Expired records leave (CIR Art. 16): with the clock set forward (never slept on), a negative record
   * past its retention is gone from every list and count for every caller, and the retention job deletes
   * it, all its versions and notices, once, leaving a tombstone with no personal data.
   */

  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  /** The retention the subgraphs read with: the default, until a test applies an override. */
  let retention: RecordsConfig['retentionYears'] = parseRetentionYears('5');
  const settings = settingsOn(clock, { retentionYears: (type) => retention.byType[type] ?? retention.default });
  let subject: string;
  let self: TokenClaims;

  const SUBMIT_ARREARS = `mutation Submit($records: [TaxArrearsNoticeInput!]!) { submitTaxArrearsNotices(records: $records) { created corrected notices } }`;
  const SUBMIT_RATINGS = `mutation Submit($records: [TaxCreditRatingInput!]!) { submitTaxCreditRatings(records: $records) { created notices } }`;
  const SUBMIT_PENALTIES = `mutation Submit($records: [TaxPenaltyInput!]!) { submitTaxPenalties(records: $records) { created notices } }`;
  const WITHDRAW = `mutation Withdraw($records: [WithdrawRecordInput!]!) { withdrawTaxationRecords(recordType: TaxArrearsNotice, records: $records) { withdrawn notices } }`;
  const TAXATION = `query Taxation($code: ID!) { subject(code: $code) { taxation {
    arrearsNotices(first: 50) { totalCount nodes { documentNumber } }
    creditRatings(first: 50) { totalCount nodes { documentNumber } }
  } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { taxation { notices(first: 50) { totalCount nodes { documentNumber change } } } } }`;

  /** Expired (act ended 2026-11-21: retention ends 2031-11-21), corrected once: two versions, two notices. */
  const EXPIRED = '沪浦税欠〔2026〕101号';
  /** Younger (decided 2026-11-25: retention ends 2031-11-25). */
  const YOUNGER = '沪浦税欠〔2026〕102号';
  /** Withdrawn, with the same retention end as EXPIRED: two versions, two notices. */
  const WITHDRAWN = '沪浦税欠〔2026〕103号';
  /** Not negative (an A grade): kept whatever its age. */
  const RATING = '沪浦税信〔2026〕7号';
  /** Negative, of another type (a penalty decided 2026-11-30: retention ends 2031-11-30). */
  const PENALTY = '沪浦税罚〔2026〕12号';

  /** The day after EXPIRED's and WITHDRAWN's retention ended, before YOUNGER's and PENALTY's. */
  const LATER = '2031-11-23T02:00:00Z';

  function arrears(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject, documentNumber, decisionDate: '2026-11-20', taxType: '增值税', amountOwed: '12000.50',
      periodStart: '2026-01-01', periodEnd: '2026-06-30', status: 'PAID', ...extra,
    };
  }

  async function submit(query: string, records: readonly Record<string, unknown>[]) {
    const response = await as(gateway.url, PUDONG_TAX, query, { records });
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  }

  interface Lists {
    readonly arrears: { totalCount: number; documents: string[] };
    readonly ratings: { totalCount: number; documents: string[] };
  }

  /** What each caller sees of the subject's arrears notices and credit ratings. */
  async function listsSeenBy(): Promise<Record<string, Lists>> {
    const callers: Record<string, [TokenClaims | null, string | undefined]> = {
      public: [null, undefined],
      bank: [DEMO_BANK_CALLER, 'LOAN_APPROVAL'],
      regulator: [REGULATOR, 'SUPERVISION'],
      subject: [self, 'SELF_QUERY'],
    };
    const seen: Record<string, Lists> = {};
    for (const [who, [claims, purpose]] of Object.entries(callers)) {
      const response = await as(gateway.url, claims, TAXATION, { code: subject }, purpose);
      expect(response.body.errors).toBeUndefined();
      type Connection = { totalCount: number; nodes: { documentNumber: string }[] };
      const taxation = (response.body.data as { subject: { taxation: { arrearsNotices: Connection; creditRatings: Connection } } }).subject.taxation;
      const of = (c: Connection) => ({ totalCount: c.totalCount, documents: c.nodes.map((n) => n.documentNumber).sort() });
      seen[who] = { arrears: of(taxation.arrearsNotices), ratings: of(taxation.creditRatings) };
    }
    return seen;
  }

  function everyCaller(lists: Lists): Record<string, Lists> {
    return { public: lists, bank: lists, regulator: lists, subject: lists };
  }

  const db = () => graph.stores.taxation.db;

  /** Every version of the subject's records in `table`, as `document number vN`, sorted. */
  async function versionsOf(table: string): Promise<string[]> {
    const rows = await db()(table).where({ subject_code: subject }).select<{ document_number: string; version: number }[]>('document_number', 'version');
    return rows.map((r) => `${r.document_number} v${r.version}`).sort();
  }

  async function noticesOf(): Promise<string[]> {
    const rows = await db()('record_notices').where({ subject_code: subject }).select<{ document_number: string; record_version: number }[]>('document_number', 'record_version');
    return rows.map((r) => `${r.document_number} v${r.record_version}`).sort();
  }

  async function jobRun(id: string) {
    return db()('job_runs').where({ id }).first<{ job: string; outcome: string; details: unknown; started_at: Date; finished_at: Date | null } | undefined>();
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settings, only: ['registry', 'access', 'taxation'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    // A company of the registry without seeded tax records: every count below is the test's own.
    const companies = await graph.stores.registry.db('subjects').where('code_type', 'USCC').orderBy('code').pluck<string[]>('code');
    const taxed = new Set(await graph.stores.taxation.db('tax_arrears_notices').distinct('subject_code').pluck<string[]>('subject_code'));
    const rated = new Set(await graph.stores.taxation.db('tax_credit_ratings').distinct('subject_code').pluck<string[]>('subject_code'));
    subject = companies.find((code) => !taxed.has(code) && !rated.has(code)) ?? '';
    expect(subject).not.toBe('');
    self = { kind: 'SUBJECT', org: subject, subject, grants: [], purposes: ['SELF_QUERY'] };
    // The bank holds the subject's authorization for its tax records.
    await graph.stores.access.db('consents').insert({
      subject_code: subject, organization: DEMO_BANK_CALLER.org, purpose: 'LOAN_APPROVAL', categories: '{tax}',
      valid_from: '2026-11-01T00:00:00Z', valid_until: '2036-11-01T00:00:00Z', granted_at: '2026-11-01T09:00:00Z', revoked_at: null,
    });

    await submit(SUBMIT_ARREARS, [arrears(EXPIRED, { actEndedOn: '2026-11-21' }), arrears(YOUNGER, { decisionDate: '2026-11-25' }), arrears(WITHDRAWN, { actEndedOn: '2026-11-21' })]);
    expect(await submit(SUBMIT_ARREARS, [arrears(EXPIRED, { actEndedOn: '2026-11-21', amountOwed: '9000.00', correctionReason: '部分税款已缴纳' })])).toEqual({ submitTaxArrearsNotices: { created: 0, corrected: 1, notices: 1 } });
    expect(await submit(WITHDRAW, [{ documentNumber: WITHDRAWN, reason: '登记错误' }])).toEqual({ withdrawTaxationRecords: { withdrawn: 1, notices: 1 } });
    await submit(SUBMIT_RATINGS, [{ subject, documentNumber: RATING, decisionDate: '2026-04-01', year: 2025, grade: 'A', score: 95 }]);
    await submit(SUBMIT_PENALTIES, [{ subject, documentNumber: PENALTY, decisionDate: '2026-11-30', violation: '未按期申报', penaltyType: 'FINE', fineAmount: '500.00', legalBasis: '《税收征收管理法》第六十二条' }]);
    // The subject's recourse about two arrears notices, one of which expires: an objection, a statement and a repair application each.
    for (const documentNumber of [EXPIRED, YOUNGER]) {
      const record = { subject_code: subject, record_type: 'TaxArrearsNotice', record_table: 'tax_arrears_notices', record_id: await recordIdOf(documentNumber) };
      const authority = { authority_name: PUDONG_TAX.name, authority_code: PUDONG_TAX.org, document_number: documentNumber, record_version: 1 };
      await db()('record_objections').insert({ id: randomUUID(), ...record, ...authority, reason: '金额有误', filed_at: '2026-11-26T02:00:00Z', due_on: '2026-12-16' });
      await db()('record_statements').insert({ id: randomUUID(), ...record, text: '已与税务机关沟通', made_at: '2026-11-26T02:00:00Z' });
      await db()('record_repairs').insert({ id: randomUUID(), ...record, ...authority, measures: '已缴清', commitment: '按期申报', applied_at: '2026-11-26T02:00:00Z' });
    }
  }, 60_000);

  async function recordIdOf(documentNumber: string): Promise<string> {
    const row = await db()('tax_arrears_notices').where({ document_number: documentNumber, current: true }).first<{ record_id: string }>('record_id');
    return String(row.record_id);
  }

  async function recourseOf(): Promise<Record<string, string[]>> {
    const byTable: Record<string, string[]> = {};
    for (const table of ['record_objections', 'record_statements', 'record_repairs']) {
      byTable[table] = (await db()(table).where({ subject_code: subject }).pluck<string[]>('record_id')).map(String);
    }
    return byTable;
  }

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('expired records leave', () => {
    it('are not written in the first place: a negative record already past its retention is refused with its notice, an old positive one is not', async () => {
      const [versions, notices] = [await versionsOf('tax_penalties'), await noticesOf()];
      const old = { subject, documentNumber: '沪浦税罚〔2020〕3号', decisionDate: '2020-06-01', violation: '未按期申报', penaltyType: 'FINE', fineAmount: '100.00', legalBasis: '《税收征收管理法》第六十二条' };
      const refused = await as(gateway.url, PUDONG_TAX, SUBMIT_PENALTIES, { records: [{ ...old, documentNumber: '沪浦税罚〔2026〕99号', decisionDate: '2026-11-01' }, old] });
      expect(refused.body).toEqual({
        data: { submitTaxPenalties: null },
        errors: [
          expect.objectContaining({
            extensions: expect.objectContaining({
              code: 'INVALID_RECORDS',
              problems: [{ line: 2, field: 'decisionDate', reason: expect.stringContaining('is kept 5 years after its act ended') }],
            }),
          }),
        ],
      });
      // Nothing of the batch was written, and no notice sent.
      expect([await versionsOf('tax_penalties'), await noticesOf()]).toEqual([versions, notices]);
      // A positive record (a grade) is kept whatever its age.
      expect(await submit(SUBMIT_RATINGS, [{ subject, documentNumber: '沪浦税信〔2019〕1号', decisionDate: '2019-04-01', year: 2018, grade: 'A', score: 92 }])).toEqual({ submitTaxCreditRatings: { created: 1, notices: 0 } });
      await submit(`mutation W($records: [WithdrawRecordInput!]!) { withdrawTaxationRecords(recordType: TaxCreditRating, records: $records) { withdrawn } }`, [{ documentNumber: '沪浦税信〔2019〕1号', reason: '测试' }]);
    });

    it('hides a negative record past its retention from every list and count, for every caller, before the job runs', async () => {
      expect(await listsSeenBy()).toEqual(everyCaller({ arrears: { totalCount: 2, documents: [EXPIRED, YOUNGER] }, ratings: { totalCount: 1, documents: [RATING] } }));
      clock.set(LATER);
      expect(await listsSeenBy()).toEqual(everyCaller({ arrears: { totalCount: 1, documents: [YOUNGER] }, ratings: { totalCount: 1, documents: [RATING] } }));
      // Hidden only: every version is still in the store until the job runs.
      expect(await versionsOf('tax_arrears_notices')).toEqual([`${EXPIRED} v1`, `${EXPIRED} v2`, `${YOUNGER} v1`, `${WITHDRAWN} v1`, `${WITHDRAWN} v2`]);
    });

    it('deletes every version and notice of the expired and the withdrawn record once, and leaves one tombstone without personal data', async () => {
      clock.set(LATER);
      const summary = await runRetention(db(), taxationSector.lists, settings);
      expect(summary).toMatchObject({ outcome: 'done', today: '2031-11-23' });
      // The seeded records of the test dataset expired too; the test's own are two records, four versions, four notices.
      expect(summary.byType.TaxArrearsNotice!.records).toBeGreaterThanOrEqual(2);
      expect(Object.keys(summary.byType).sort()).toEqual(['MajorTaxViolation', 'TaxArrearsNotice', 'TaxCreditRating', 'TaxPenalty', 'TaxRegistration']);

      expect(await versionsOf('tax_arrears_notices')).toEqual([`${YOUNGER} v1`]);
      expect(await versionsOf('tax_credit_ratings')).toEqual([`${RATING} v1`]);
      expect(await versionsOf('tax_penalties')).toEqual([`${PENALTY} v1`]);
      expect(await noticesOf()).toEqual([`${YOUNGER} v1`, `${PENALTY} v1`]);
      // The subject's objections, statements and repair applications about the expired record went with it.
      const younger = await recordIdOf(YOUNGER);
      expect(await recourseOf()).toEqual({ record_objections: [younger], record_statements: [younger], record_repairs: [younger] });

      // The seeded records' retention ended by mid-2031: the tombstone of the day EXPIRED's and WITHDRAWN's ended is theirs.
      const tombstones = await db()('record_tombstones').where({ run_id: summary.runId, authority_code: PUDONG_TAX.org, retention_ended_on: '2031-11-21' }).select('*');
      expect(tombstones).toEqual([
        {
          id: expect.anything(), record_type: 'TaxArrearsNotice', authority_code: PUDONG_TAX.org, authority_name: PUDONG_TAX.name,
          retention_ended_on: '2031-11-21', records: 2, versions: 4, notices: 4, deleted_at: new Date(LATER), run_id: summary.runId,
        },
      ]);
      const everyTombstone = JSON.stringify(await db()('record_tombstones').select('*'));
      for (const personal of [subject, EXPIRED, WITHDRAWN, '增值税']) expect(everyTombstone).not.toContain(personal);

      expect(await jobRun(summary.runId)).toEqual({
        id: summary.runId, job: 'retention', outcome: 'done', started_at: new Date(LATER), finished_at: new Date(LATER),
        details: { today: '2031-11-23', retentionYears: expect.objectContaining({ TaxArrearsNotice: 5 }), byType: summary.byType, total: summary.total, tombstones: summary.tombstones },
      });
      // The subject's notices of the deleted records went with them; what stays is still served.
      const notices = await as(gateway.url, self, NOTICES, { code: subject }, 'SELF_QUERY');
      expect(notices.body.data).toEqual({ subject: { taxation: { notices: { totalCount: 2, nodes: expect.arrayContaining([{ documentNumber: YOUNGER, change: 'SUBMITTED' }, { documentNumber: PENALTY, change: 'SUBMITTED' }]) } } } });
      expect(await listsSeenBy()).toEqual(everyCaller({ arrears: { totalCount: 1, documents: [YOUNGER] }, ratings: { totalCount: 1, documents: [RATING] } }));
    });

    it('removes nothing more on a second run, which is still logged', async () => {
      clock.set(LATER);
      const again = await runRetention(db(), taxationSector.lists, settings);
      expect(again).toMatchObject({ outcome: 'done', total: { records: 0, versions: 0, notices: 0 }, tombstones: 0 });
      expect(await jobRun(again.runId)).toMatchObject({ outcome: 'done', details: { total: { records: 0, versions: 0, notices: 0 } } });
      expect(await versionsOf('tax_arrears_notices')).toEqual([`${YOUNGER} v1`]);
    });

    it('skips a run while another holds the retention lock, then a per-type retention override (CG_RETENTION_YEARS) takes effect', async () => {
      clock.set(LATER);
      const records = loadConfig({}, { CG_RETENTION_YEARS: '5,TaxArrearsNotice=3' }).records;
      retention = records.retentionYears;
      try {
        // Three years for arrears notices: the younger one (decided 2026-11-25) is past them; the penalty's five are not.
        expect(await listsSeenBy()).toEqual(everyCaller({ arrears: { totalCount: 0, documents: [] }, ratings: { totalCount: 1, documents: [RATING] } }));

        const [high, low] = RETENTION_LOCK;
        await db().raw('select pg_advisory_lock(?::int, ?::int)', [high, low]);
        let skipped: RetentionSummary;
        try {
          skipped = await runRetention(db(), taxationSector.lists, recordSettingsOf(records, clock));
        } finally {
          await db().raw('select pg_advisory_unlock(?::int, ?::int)', [high, low]);
        }
        expect(skipped).toMatchObject({ outcome: 'skipped', total: { records: 0, versions: 0, notices: 0 } });
        expect(await jobRun(skipped.runId)).toMatchObject({ job: 'retention', outcome: 'skipped' });
        expect(await versionsOf('tax_arrears_notices')).toEqual([`${YOUNGER} v1`]);

        const run = await runRetention(db(), taxationSector.lists, recordSettingsOf(records, clock));
        expect(run.outcome).toBe('done');
        expect(run.byType.TaxArrearsNotice!.records).toBeGreaterThanOrEqual(1);
        expect(await versionsOf('tax_arrears_notices')).toEqual([]);
        expect(await versionsOf('tax_penalties')).toEqual([`${PENALTY} v1`]);
        expect(await jobRun(run.runId)).toMatchObject({ details: { retentionYears: { TaxArrearsNotice: 3, TaxPenalty: 5 } } });
      } finally {
        retention = parseRetentionYears('5');
      }
    });
  });

  describe('the retention schedule', () => {
    it('reads CG_RETENTION_SCHEDULE: 02:30 daily by default, off, or refused when not a cron expression', () => {
      expect(loadConfig({}, {}).records.retentionSchedule).toBe('30 2 * * *');
      expect(loadConfig({}, { CG_RETENTION_SCHEDULE: 'off' }).records.retentionSchedule).toBeNull();
      expect(loadConfig({}, { CG_RETENTION_SCHEDULE: ' 0 3 * * 0 ' }).records.retentionSchedule).toBe('0 3 * * 0');
      expect(() => loadConfig({}, { CG_RETENTION_SCHEDULE: '61 2 * * *' })).toThrow(ConfigError);
      expect(() => loadConfig({}, { CG_RETENTION_SCHEDULE: 'daily' })).toThrow(/CG_RETENTION_SCHEDULE must be a cron expression/);
    });

    it("runs at 02:30 China time, never twice at once in a process, and waits for a run in progress when stopped", async () => {
      expect(scheduleRetention(null, async () => undefined)).toBeNull();
      let runs = 0;
      let finish: () => void = () => undefined;
      const schedule = scheduleRetention('30 2 * * *', () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      });
      expect(schedule).not.toBeNull();
      const next = schedule!.nextRun()!;
      // 02:30 in Beijing is 18:30 UTC the day before.
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([18, 30]);
      const first = schedule!.runNow();
      const second = schedule!.runNow();
      let stopped = false;
      const stopping = schedule!.stop().then(() => {
        stopped = true;
      });
      await Promise.resolve();
      expect([runs, stopped]).toEqual([1, false]);
      finish();
      await Promise.all([first, second, stopping]);
      expect([runs, stopped, schedule!.nextRun()]).toEqual([1, true, null]);
    });

    it('is started for a sector with submitted record types, and not when off or for a subgraph without them', async () => {
      const log = { info: jest.fn(), warn: jest.fn() };
      expect(startRetentionSchedule({ name: 'access' }, db(), '30 2 * * *', settings, log)).toBeNull();
      expect(startRetentionSchedule(taxationSector, db(), null, settings, log)).toBeNull();
      const schedule = startRetentionSchedule(taxationSector, db(), '30 2 * * *', settings, log);
      expect(schedule).not.toBeNull();
      expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/^retention job scheduled \(30 2 \* \* \*, China time\): next run \d{4}-/));
      // A run now logs what it removed, through the same logger.
      clock.set(LATER);
      await schedule!.runNow();
      await schedule!.stop();
      expect(log.info).toHaveBeenLastCalledWith(expect.stringMatching(/^retention run [0-9a-f-]{36} on 2031-11-23: deleted 0 expired records/));
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('logs a failed run without deleting anything and without quoting data', async () => {
      clock.set(LATER);
      const runId = randomUUID();
      const broken = [{ recordType: 'TaxArrearsNotice', table: 'no_such_table', ingest: taxationSector.lists.arrearsNotices.ingest }];
      const failed = await runRetention(db(), broken, settings, { runId });
      expect(failed).toMatchObject({ runId, outcome: 'failed', total: { records: 0, versions: 0, notices: 0 }, error: expect.stringContaining('no_such_table') });
      expect(await jobRun(runId)).toMatchObject({ job: 'retention', outcome: 'failed', details: { today: '2031-11-23', error: '42P01' } });
    });
  });
});
