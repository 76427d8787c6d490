import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Badge, type Tone } from '../app/ui';
import type { Formatters } from '../app/format';
import type { Column } from './sectors';

/** A record field's value as text, as its column declares it (dates, yuan, named codes...). */
export function displayValue(column: Column, raw: unknown, format: Formatters, t: TFunction<'subject'>): string {
  if (raw === null || raw === undefined || raw === '') return '—';
  if (Array.isArray(raw)) return raw.length === 0 ? '—' : raw.map(String).join(t('listSeparator'));
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return '—';
  const value = raw;
  switch (column.show.kind) {
    case 'date':
      return format.date(String(value));
    case 'amount':
      return format.amount(String(value));
    case 'int':
      return typeof value === 'number' ? format.number(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? format.percent(value) : String(value);
    case 'bool':
      return value ? t('yes') : t('no');
    case 'list':
      return String(value);
    case 'enum':
      return enumLabel(t, column.show.enumName, String(value));
    default:
      return String(value);
  }
}

/** A code of an enum, named in the page's language (the code itself when it has no name yet). */
export function enumLabel(t: TFunction<'subject'>, enumName: string, value: string): string {
  return t(`enum.${enumName}.${value}`, { defaultValue: value });
}

const OBJECTION_TONES: Record<string, Tone> = { UNDER_OBJECTION: 'warn', OPEN: 'warn', CORRECTED: 'ok', UPHELD: 'neutral', UNVERIFIABLE: 'ok', WITHDRAWN: 'neutral' };
const REPAIR_TONES: Record<string, Tone> = { APPLIED: 'warn', REPAIRED: 'ok', APPROVED: 'ok', REJECTED: 'danger', WITHDRAWN: 'neutral' };

/** A record's objection mark (`objectionStatus`) or an objection's state, as a badge. */
export function ObjectionBadge({ status, enumName = 'ObjectionStatus' }: { status: string; enumName?: 'ObjectionStatus' | 'ObjectionState' }) {
  const { t } = useTranslation('subject');
  return <Badge tone={OBJECTION_TONES[status] ?? 'neutral'}>{enumLabel(t, enumName, status)}</Badge>;
}

/** A record's repair mark (`repairStatus`) or a repair application's state, as a badge. */
export function RepairBadge({ status, enumName = 'RepairStatus' }: { status: string; enumName?: 'RepairStatus' | 'RepairApplicationStatus' }) {
  const { t } = useTranslation('subject');
  return <Badge tone={REPAIR_TONES[status] ?? 'neutral'}>{enumLabel(t, enumName, status)}</Badge>;
}

/** The record type's name in the page's language (`TaxPenalty` → 税务行政处罚). */
export function recordTypeLabel(t: TFunction<'subject'>, recordType: string): string {
  return t(`recordType.${recordType}`, { defaultValue: recordType });
}
