import { useTranslation } from 'react-i18next';
import type { Sector } from './sectors';

/** Small pieces the desk's pages share: how a record, a sector and a deadline are named. */

/** A record as a clerk knows it: its type, in words, and its document number. */
export function RecordLabel({ recordType, documentNumber }: { recordType: string; documentNumber: string | null }) {
  const { t } = useTranslation('desk');
  return (
    <>
      <span>{t(`recordType.${recordType}`, { defaultValue: recordType })}</span>{' '}
      <span className="desk-document">{documentNumber ?? t('record.noDocumentNumber')}</span>
    </>
  );
}

export function SectorTag({ sector }: { sector: Sector }) {
  const { t } = useTranslation('desk');
  return <span className="badge desk-sector">{t(`sector.${sector}`)}</span>;
}

/** Days left to a due day, or how far past it: overdue is marked in words, not by colour alone. */
export function Deadline({ daysLeft, overdue }: { daysLeft: number; overdue: boolean }) {
  const { t } = useTranslation('desk');
  if (overdue || daysLeft < 0) return <span className="badge danger">{t('deadline.overdue', { count: Math.max(-daysLeft, 1) })}</span>;
  if (daysLeft === 0) return <span className="badge warn">{t('deadline.today')}</span>;
  return <span className={`badge ${daysLeft <= 3 ? 'warn' : 'ok'}`}>{t('deadline.left', { count: daysLeft })}</span>;
}
