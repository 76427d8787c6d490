import { text } from '../shared/ingest/fields';

/**
 * Free text is checked as one class wherever it comes in (records, objections, statements, repair
 * applications, report statements): no control or format characters, and no resident identity
 * number however it is written, since prose may be published with its record.
 */
describe('free text', () => {
  const line = text({ max: 200 });
  const refusedFor = (value: string) => {
    const parsed = line.parse(value, 'json');
    return parsed.ok ? null : parsed.reason;
  };
  const ID = 'must not contain a resident identity number: a natural person is named by its own classified fields, never in text';
  const INVISIBLE = 'must not contain control characters, bidirectional overrides or invisible characters';

  it.each([
    ['plain digits', '郑超平110108195601040003'],
    ['full-width digits', '郑超平１１０１０８１９５６０１０４０００３'],
    ['spaces between the digits', '110108 19560104 0003'],
    ['dashes between the digits', '110108-19560104-0003'],
    ['a full-width space between the digits', '110108　19560104　0003'],
    ['a lower-case check character', '申请人 11010819900307018x'],
    ['the 15-digit first generation', '身份证 110108560104000'],
  ])('refuses a resident identity number written with %s', (_how, value) => {
    expect(refusedFor(value)).toBe(ID);
  });

  it.each([
    ['a zero-width space', 'ok\u200bx'],
    ['a zero-width joiner', 'ok\u200dx'],
    ['an Arabic letter mark (bidi)', 'a\u061cb'],
    ['a right-to-left override', 'a\u202eb'],
    ['a soft hyphen', 'x\u00ady'],
    ['a tag character', 'x\u{e0041}y'],
    ['a word joiner', 'x\u2060y'],
    ['a zero-width space hiding an ID', '1101081956\u200b01040003'],
  ])('refuses %s', (_what, value) => {
    expect(refusedFor(value)).toBe(INVISIBLE);
  });

  it.each([
    ['a decision', '正常文字 2026-11-30 罚款 500.00 元 沪浦税罚〔2026〕201号'],
    ['amounts and periods', '金额 1000000 元，2019-01-01 至 2020-01-01'],
    ['a bank account number', '账号 6222021001112223334'],
    ['a Unified Social Credit Code', '9111010500088WXJ4C'],
  ])('takes %s', (_what, value) => {
    expect(line.parse(value, 'json')).toEqual({ ok: true, value });
  });
});
