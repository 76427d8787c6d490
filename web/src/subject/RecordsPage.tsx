import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, Navigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { Confirmation, Empty, QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { SECTORS, sectorByKey, sectorRecords, type RecordList, type RecordNode, type Sector, type SectorRecords } from './sectors';
import { ObjectionBadge, RepairBadge, displayValue } from './values';
import { ObjectionForm, RepairForm, StatementForm } from './RecordForms';

/**
 * /me/records/:sector: the subject's records in force in one sector, list by list, each with its
 * objection and repair marks and its statement; from each record the subject objects, attaches a
 * statement or applies for repair.
 */
export function RecordsPage() {
  const { t } = useTranslation('subject');
  const { sector: key } = useParams();
  const sector = sectorByKey(key);
  if (!sector) return <Navigate to="/me/records/registry" replace />;
  return (
    <>
      <PageTitle lead={t('records.lead')}>{t('records.title')}</PageTitle>
      <nav className="tabs" aria-label={t('records.sectorsLabel')}>
        <ul>
          {SECTORS.map((s) => (
            <li key={s.key}>
              <NavLink to={`/me/records/${s.key}`}>{t(`sector.${s.key}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <SectorRecordsView key={sector.key} sector={sector} />
    </>
  );
}

function SectorRecordsView({ sector }: { sector: Sector }) {
  const { t } = useTranslation('subject');
  const code = useSubjectCode();
  const query = useGraphQLQuery(sector.records, { code });
  return (
    <section aria-labelledby={`sector-${sector.key}`}>
      <h2 id={`sector-${sector.key}`}>{t(`sector.${sector.key}`)}</h2>
      <QueryState query={query}>
        {(data) => {
          const records = sectorRecords(sector, data);
          if (records === null) return <Empty>{t('records.sectorUnavailable')}</Empty>;
          const total = records.lists.reduce((sum, l) => sum + l.totalCount, 0);
          if (total === 0) return <Empty>{t('records.noneInSector')}</Empty>;
          return (
            <>
              {records.lists.map(({ list, totalCount, nodes }) => (
                <ListSection key={list.field} sector={sector} list={list} totalCount={totalCount} nodes={nodes} objections={records.objections} />
              ))}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ListSection({ sector, list, totalCount, nodes, objections }: { sector: Sector; list: RecordList; totalCount: number; nodes: readonly RecordNode[]; objections: SectorRecords['objections'] }) {
  const { t } = useTranslation('subject');
  const id = useId();
  if (totalCount === 0) return null;
  return (
    <section className="record-list" aria-labelledby={id}>
      <h3 id={id}>
        {t(`list.${list.field}`)} <span className="count">{t('records.count', { count: totalCount })}</span>
      </h3>
      {totalCount > nodes.length ? <p className="muted">{t('records.showingFirst', { shown: nodes.length, total: totalCount })}</p> : null}
      <ul className="cards">
        {nodes.map((record) => (
          <li key={record.id}>
            <RecordCard sector={sector} list={list} record={record} openObjection={objections.find((o) => o.recordId === record.id && o.status === 'OPEN')} />
          </li>
        ))}
      </ul>
    </section>
  );
}

type Act = 'objection' | 'statement' | 'repair';

function RecordCard({ sector, list, record, openObjection }: { sector: Sector; list: RecordList; record: RecordNode; openObjection: SectorRecords['objections'][number] | undefined }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const [params] = useSearchParams();
  // A notice links here with `?record=<id>`: that record is brought into view, its objection form open.
  const linked = params.get('record') === record.id;
  const card = useRef<HTMLElement>(null);
  const [act, setAct] = useState<Act | null>(linked && record.objectionStatus !== 'UNDER_OBJECTION' ? 'objection' : null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'start' });
  }, [linked]);
  const formId = useId();
  const titleId = useId();
  const underObjection = record.objectionStatus === 'UNDER_OBJECTION';
  const mayRepair = list.repairable && (record.repairStatus === 'NONE' || record.repairStatus === 'REJECTED');
  const toggle = (next: Act) => {
    setDone(null);
    setAct(act === next ? null : next);
  };
  const finish = (message: string) => {
    setAct(null);
    setDone(message);
  };
  return (
    <article ref={card} className={`record-card${linked ? ' focused' : ''}`} aria-labelledby={titleId}>
      <header>
        <h4 id={titleId}>
          {record.documentNumber ?? t('records.noDocumentNumber')}
          <span className="muted"> · {format.date(record.decisionDate)}</span>
        </h4>
        <div className="marks">
          {record.objectionStatus !== 'NONE' ? <ObjectionBadge status={record.objectionStatus} /> : null}
          {record.repairStatus !== 'NONE' ? <RepairBadge status={record.repairStatus} /> : null}
        </div>
      </header>
      {underObjection && openObjection ? (
        <p className={openObjection.overdue ? 'notice warn-notice' : 'muted'}>
          {t(openObjection.overdue ? 'records.objectionOverdue' : 'records.objectionDue', { dueOn: format.date(openObjection.dueOn) })}
        </p>
      ) : null}
      <dl className="record-fields">
        {list.columns.map((column) => (
          <div key={column.field}>
            <dt>{t(`field.${column.field}`)}</dt>
            <dd>
              {column.show.kind === 'url' && typeof record[column.field] === 'string' ? (
                <span className="code">{String(record[column.field])}</span>
              ) : (
                displayValue(column, record[column.field], format, t)
              )}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('field.sourceAuthority')}</dt>
          <dd>{record.sourceAuthority.name}</dd>
        </div>
        {record.publicityEndsOn ? (
          <div>
            <dt>{t('field.publicityEndsOn')}</dt>
            <dd>{format.date(record.publicityEndsOn)}</dd>
          </div>
        ) : null}
        {record.version > 1 ? (
          <div>
            <dt>{t('field.version')}</dt>
            <dd>
              {t('records.version', { version: record.version })}
              {record.changeReason ? ` · ${record.changeReason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {record.statement?.text ? (
        <blockquote className="statement">
          <p className="statement-label">{t('records.statement', { madeAt: format.dateTime(record.statement.madeAt) })}</p>
          <p>{record.statement.text}</p>
        </blockquote>
      ) : null}
      {done ? <Confirmation focus>{done}</Confirmation> : null}
      <div className="record-actions">
        <button type="button" className="secondary" aria-expanded={act === 'objection'} aria-controls={formId} disabled={underObjection} onClick={() => toggle('objection')}>
          {underObjection ? t('records.objectionPending') : t('records.object')}
        </button>
        <button type="button" className="secondary" aria-expanded={act === 'statement'} aria-controls={formId} onClick={() => toggle('statement')}>
          {record.statement?.text ? t('records.editStatement') : t('records.addStatement')}
        </button>
        {mayRepair ? (
          <button type="button" className="secondary" aria-expanded={act === 'repair'} aria-controls={formId} onClick={() => toggle('repair')}>
            {t('records.applyRepair')}
          </button>
        ) : null}
      </div>
      <div id={formId}>
        {act === 'objection' ? <ObjectionForm sector={sector} record={record} onDone={finish} onCancel={() => setAct(null)} /> : null}
        {act === 'statement' ? <StatementForm sector={sector} record={record} onDone={finish} onCancel={() => setAct(null)} /> : null}
        {act === 'repair' ? <RepairForm sector={sector} record={record} onDone={finish} onCancel={() => setAct(null)} /> : null}
      </div>
    </article>
  );
}
