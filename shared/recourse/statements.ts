import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { graphqlError } from '../errors';
import { text } from '../ingest/fields';
import { recordKey, sealRowId, type RecordList } from '../records';
import { withSpan } from '../telemetry';
import type { PageArgs } from '../pagination';
import type { CategoryOf } from '../ingest/resolvers';
import { pascal } from '../ingest/schema';
import { profileFieldName, subjectOfProfile, type RecoursePlacement } from './index';
import { actingSubject, checkedText, recoursePage, subjectRecord, type RecourseContext } from './target';

/**
 * A subject's own statement on one of its records (CIR Art. 16; PBoC reports: 本人声明): a short
 * text, one line, that every caller who sees the record sees with it (`statement`, an envelope field
 * classified as the record is, so it follows the record's visibility and the subject-type ceiling as
 * its `sourceAuthority` does). Setting one replaces the current one (the old row REPLACED, the new one
 * CURRENT, in one transaction); withdrawing ends it. Rows are never deleted: the subject's
 * `statements` lists the history, newest first.
 */

export const setStatementMutationOf = (sectorName: string) => `set${pascal(sectorName)}Statement`;
export const withdrawStatementMutationOf = (sectorName: string) => `withdraw${pascal(sectorName)}Statement`;

interface StatementRow {
  readonly id: string;
  readonly subject_code: string;
  readonly record_type: string;
  readonly record_table: string;
  readonly record_id: string;
  readonly text: string | null;
  readonly state: string;
  readonly made_at: Date;
  readonly ended_at: Date | null;
}

/** A statement row as GraphQL shows it. It carries no subject: what it says is decided by what leads to it. */
function statementNode(row: StatementRow, key: Buffer) {
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: `${row.record_type}:${sealRowId(key, Number(row.record_id))}`,
    text: row.text,
    madeAt: row.made_at,
    state: row.state,
    endedAt: row.ended_at,
  };
}

type StatementNode = ReturnType<typeof statementNode>;

/** Per request (keyed by its fresh record loaders): one loader per table, one query per batch. */
const currentLoaders = new WeakMap<object, Map<string, DataLoader<number, StatementNode | null>>>();

function currentStatement(context: RecourseContext, list: RecordList, recordRowId: number): Promise<StatementNode | null> {
  let byTable = currentLoaders.get(context.records);
  if (!byTable) {
    byTable = new Map();
    currentLoaders.set(context.records, byTable);
  }
  let loader = byTable.get(list.table);
  if (!loader) {
    const { db } = context.lifeCycle;
    loader = new DataLoader<number, StatementNode | null>((ids) =>
      withSpan('recourse.statements', { 'records.table': list.table, 'records.batch_size': ids.length }, async () => {
        const rows = await db('record_statements')
          .select<StatementRow[]>('*')
          .where({ record_table: list.table, state: 'CURRENT' })
          .whereIn('record_id', [...ids]);
        const key = await recordKey(db);
        const byRecord = new Map(rows.map((row) => [Number(row.record_id), statementNode(row, key)]));
        return ids.map((id) => byRecord.get(id) ?? null);
      }),
    );
    byTable.set(list.table, loader);
  }
  return loader.load(recordRowId);
}

/** The SDL of statements: the profile's history, and the sector's two mutations. */
export function statementSdl(sectorName: string, profileType: string, _lists: Readonly<Record<string, RecordList>>, placement: RecoursePlacement): string {
  return `extend type ${profileType} {
  "The subject's own statements on this sector's records, newest first: the current ones and every one replaced or withdrawn."
  ${profileFieldName(placement, 'statements')}(first: Int, after: String): RecordStatementConnection @classify(category: "recourse.statement", level: "RESTRICTED")
}

extend type Mutation {
  """
  The subject, acting as itself, states its own view of one of its ${sectorName} records in force, shown
  with the record to everyone who sees it; it replaces the current statement (kept in the history).
  """
  ${setStatementMutationOf(sectorName)}(input: RecordStatementInput!): RecordStatement @classify(category: "recourse.statement", level: "RESTRICTED")
  "The subject withdraws its current statement on one of its ${sectorName} records (kept in the history)."
  ${withdrawStatementMutationOf(sectorName)}(subject: ID!, record: ID!): RecordStatement @classify(category: "recourse.statement", level: "RESTRICTED")
}`;
}

/** The resolvers of `statementSdl`, and `statement` on every record type of the sector. */
export function statementResolvers(
  sectorName: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  _categoryOf: CategoryOf,
  placement: RecoursePlacement,
): Record<string, Record<string, unknown>> {
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const list of Object.values(lists)) {
    resolvers[list.recordType] = {
      statement: (record: { recordRowId: number }, _args: unknown, context: RecourseContext) => currentStatement(context, list, record.recordRowId),
    };
  }
  const subjectOf = subjectOfProfile(placement);
  const setStatement = async (_: unknown, args: { input: { subject: unknown; record: unknown; text: unknown } }, context: RecourseContext) => {
    const subject = actingSubject(context, args.input.subject);
    const { db, settings } = context.lifeCycle;
    const statement = checkedText(text({ max: settings.statementMaxChars, multiline: false }), args.input.text, 'text');
    return db.transaction(async (trx) => {
      const target = await subjectRecord(trx, lists, args.input.record, subject, settings, { forUpdate: true });
      const now = settings.clock.now().toISOString();
      const where = { record_table: target.list.table, record_id: target.row.record_id, state: 'CURRENT' };
      await trx('record_statements').where(where).update({ state: 'REPLACED', ended_at: now });
      const [row] = await trx('record_statements')
        .insert({
          id: trx.raw('gen_random_uuid()'),
          subject_code: subject,
          record_type: target.list.recordType,
          record_table: target.list.table,
          record_id: target.row.record_id,
          text: statement,
          state: 'CURRENT',
          made_at: now,
          made_by: context.request.principal.staff,
        })
        .returning<StatementRow[]>('*');
      return statementNode(row!, await recordKey(trx));
    });
  };
  const withdrawStatement = async (_: unknown, args: { subject: unknown; record: unknown }, context: RecourseContext) => {
    const subject = actingSubject(context, args.subject);
    const { db, settings } = context.lifeCycle;
    return db.transaction(async (trx: Knex.Transaction) => {
      const target = await subjectRecord(trx, lists, args.record, subject, settings, { forUpdate: true });
      const [row] = await trx('record_statements')
        .where({ record_table: target.list.table, record_id: target.row.record_id, state: 'CURRENT' })
        .update({ state: 'WITHDRAWN', ended_at: settings.clock.now().toISOString() })
        .returning<StatementRow[]>('*');
      if (!row) throw graphqlError('CONFLICT', 'The record has no current statement to withdraw', { rule: 'CURRENT_STATEMENT' });
      return statementNode(row, await recordKey(trx));
    });
  };
  const tables = Object.values(lists).map((l) => l.table);
  return {
    ...resolvers,
    [profileType]: {
      [profileFieldName(placement, 'statements')]: (profile: unknown, args: PageArgs, context: RecourseContext) =>
        recoursePage(context.lifeCycle.db, 'record_statements', 'made_at', (q) => q.where({ subject_code: subjectOf(profile) }).whereIn('record_table', tables), args, context.lifeCycle.limits, statementNode),
    },
    Mutation: {
      [setStatementMutationOf(sectorName)]: setStatement,
      [withdrawStatementMutationOf(sectorName)]: withdrawStatement,
    },
  };
}
