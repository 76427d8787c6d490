import { chinaDayInstant, chinaToday, formattersFor } from '../../web/src/app/format';
import { monthlySeries, monthsBetween, chinaMonth, type InquiryRow } from '../../web/src/subject/inquiryFigures';
import { checkText } from '../../web/src/subject/text';

/**
 * What the subject's pages compute before they show it: days, instants and yuan in each language,
 * the months and series of the inquiry chart, and the checks of free text before it is sent.
 */

describe('the site shows days, instants and yuan in the page language', () => {
  it('shows a calendar day as the graph gives it, never shifted by a time zone', () => {
    expect(formattersFor('zh').date('2026-11-20')).toBe('2026年11月20日');
    expect(formattersFor('en').date('2026-01-01')).toBe('1 January 2026');
    expect(formattersFor('zh').date(null)).toBe('—');
  });

  it('shows an instant in China time', () => {
    expect(formattersFor('zh').dateTime('2026-12-01T16:30:00.000Z')).toBe('2026年12月2日 00:30');
    expect(formattersFor('en').dateTime('2026-12-01T16:30:00.000Z')).toBe('2 Dec 2026, 00:30');
  });

  it('shows amounts in yuan with two decimals', () => {
    expect(formattersFor('zh').amount('50000.00')).toBe('¥50,000.00');
    expect(formattersFor('en').amount('1234.5')).toBe('CN¥1,234.50');
    expect(formattersFor('en').amount(null)).toBe('—');
  });

  it("turns a China-time day into the instants that start and end it, and knows today's day there", () => {
    expect(chinaDayInstant('2027-11-30')).toBe('2027-11-29T16:00:00.000Z');
    expect(chinaDayInstant('2027-11-30', true)).toBe('2027-11-30T15:59:59.000Z');
    expect(chinaToday(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
  });
});

describe('the inquiry chart', () => {
  const row = (occurredAt: string, organizationName: string | null, purpose: InquiryRow['purpose']): InquiryRow => ({
    id: occurredAt,
    occurredAt,
    principalKind: 'CREDIT_SERVICE',
    organization: '91310000132209224R',
    organizationName,
    staff: null,
    purpose,
    categories: ['finance.credit'],
  });

  it('counts months in China time, across a year end', () => {
    expect(chinaMonth('2026-11-30T16:30:00Z')).toBe('2026-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('gives one series per institution, the largest first, with a count per month', () => {
    const rows = [
      row('2026-01-05T02:00:00Z', '中国工商银行上海市分行', 'LOAN_APPROVAL'),
      row('2026-02-05T02:00:00Z', '中国工商银行上海市分行', 'POST_LOAN_MANAGEMENT'),
      row('2026-02-06T02:00:00Z', null, 'CREDIT_RATING'),
      row('2025-06-06T02:00:00Z', '中国工商银行上海市分行', 'LOAN_APPROVAL'),
    ];
    const series = monthlySeries(rows, ['2026-01', '2026-02'], (r) => r.organizationName ?? '未具名机构', '其他');
    expect(series).toEqual([
      { name: '中国工商银行上海市分行', counts: [1, 1], total: 2 },
      { name: '未具名机构', counts: [0, 1], total: 1 },
    ]);
  });

  it('folds the smallest groups into one "other" series beyond the most it draws, ties in code-point order', () => {
    const rows = ['甲', '甲', '乙', '丙', '丁'].map((name, i) => row(`2026-01-0${i + 1}T02:00:00Z`, name, 'LOAN_APPROVAL'));
    const series = monthlySeries(rows, ['2026-01'], (r) => r.organizationName!, '其他', 3);
    expect(series).toEqual([
      { name: '甲', counts: [2], total: 2 },
      { name: '丁', counts: [1], total: 1 },
      { name: '其他', counts: [2], total: 2 },
    ]);
  });
});

describe('free text is checked as the graph checks it before it is sent', () => {
  const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);
  const oneLine = { max: 5, multiline: false, required: true };

  it('requires a value, counts code points, and keeps one line to one line', () => {
    expect(checkText(t, '   ', oneLine)).toBe('form.required');
    expect(checkText(t, '𠀀𠀀𠀀𠀀𠀀', oneLine)).toBeNull();
    expect(checkText(t, '罚款金额有误！', oneLine)).toBe('form.tooLong {"max":5}');
    expect(checkText(t, '第一行\n第二行', { max: 50, multiline: false, required: true })).toBe('form.oneLine');
    expect(checkText(t, '第一行\n第二行', { max: 50, multiline: true, required: true })).toBeNull();
    expect(checkText(t, '', { max: 50, multiline: true, required: false })).toBeNull();
  });

  it('refuses control characters and bidirectional overrides', () => {
    expect(checkText(t, 'abc\u202Edef', { max: 50, multiline: true, required: true })).toBe('form.badCharacters');
    expect(checkText(t, 'a\u0007b', { max: 50, multiline: true, required: true })).toBe('form.badCharacters');
  });
});
