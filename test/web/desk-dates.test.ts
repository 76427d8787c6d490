import { daysBetween, formatDay, formatInstant, todayInChina } from '../../web/src/desk/dates';
import { outcomeOf } from '../../web/src/desk/importFile';

/** The desk's days are China's: a due day is due until the end of that day in Beijing, wherever the clerk is. */
describe("the desk's days", () => {
  it("counts today in China time: 16:00 UTC is already the next day's midnight in Beijing", () => {
    expect(todayInChina(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(todayInChina(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });

  it('counts whole days to a due day, negative once it has passed, across months and leap days', () => {
    expect([daysBetween('2026-12-01', '2026-12-21'), daysBetween('2026-12-21', '2026-12-21'), daysBetween('2026-12-22', '2026-12-21')]).toEqual([20, 0, -1]);
    expect(daysBetween('2028-02-20', '2028-03-01')).toBe(10);
  });

  it('writes a day and an instant in the page language, instants in China time', () => {
    expect([formatDay('2026-12-21', 'zh'), formatDay('2026-12-21', 'en'), formatDay(null, 'zh')]).toEqual(['2026年12月21日', '21 Dec 2026', '—']);
    expect([formatInstant('2026-12-01T13:44:02Z', 'zh'), formatInstant('2026-12-01T13:44:02Z', 'en')]).toEqual(['2026年12月1日 21:44', '1 Dec 2026, 21:44']);
  });
});

describe("the import's answer, as the desk reads it", () => {
  const counts = { recordType: 'TaxArrearsNotice', received: 2, created: 1, corrected: 1, unchanged: 0, notices: 2, written: true };

  it('is written (201), unchanged (200), or refused line by line (422 INVALID_RECORDS)', () => {
    expect(outcomeOf(201, { report: counts })).toEqual({ kind: 'written', report: counts });
    expect(outcomeOf(200, { report: { ...counts, written: false } })).toEqual({ kind: 'unchanged', report: { ...counts, written: false } });
    const problems = [{ line: 2, field: 'decisionDate', reason: 'must be a date YYYY-MM-DD, got "2026-13-20"' }];
    expect(outcomeOf(422, { errors: [{ message: '1 problem(s) in the file, so nothing was written', extensions: { code: 'INVALID_RECORDS', problems, problemCount: 1 } }], report: counts })).toEqual({
      kind: 'invalid',
      message: '1 problem(s) in the file, so nothing was written',
      problems,
      problemCount: 1,
      report: counts,
    });
  });

  it("is refused with the gateway's message and code otherwise, or the HTTP status when the body is not the gateway's", () => {
    expect(outcomeOf(403, { errors: [{ message: 'Only a source authority (an AUTHORITY token) imports records', extensions: { code: 'FORBIDDEN' } }] })).toEqual({
      kind: 'refused',
      status: 403,
      message: 'Only a source authority (an AUTHORITY token) imports records',
      code: 'FORBIDDEN',
    });
    expect(outcomeOf(502, null)).toEqual({ kind: 'refused', status: 502, message: 'HTTP 502', code: 'HTTP_ERROR' });
  });
});
