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
    ['commas between the digits', '110108,19560104,0003'],
    ['ideographic commas and colons', '号码：110108、19560104、0003'],
    ['parentheses around the area', '(110108)195601040003'],
    ['asterisks and plus signs', '110108*19560104+0003'],
    ['Arabic-Indic digits', '\u0661\u0661\u0660\u0661\u0660\u0668\u0661\u0669\u0665\u0666\u0660\u0661\u0660\u0664\u0660\u0660\u0660\u0663'],
    ['Devanagari digits', '\u0967\u0967\u0966\u0967\u0966\u096e\u0967\u096f\u096b\u096c\u0966\u0967\u0966\u096a\u0966\u0966\u0966\u0969'],
    ['a combining mark on a digit', '110108195\u0301601040003'],
    ['a digit group written after it', '证件号110108 1956 0104 0003 2份'],
    ['a digit written before it', '0110108195601040003'],
    ['a house number after it', '法定代表人郑超平（身份证 110108 19560104 0003 8号楼）'],
    ['a dash and a digit after it', '联系人身份证：110108-19560104-0003-1'],
    ['itself written twice in a row', '110108195601040003110108195601040003'],
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
    ['a combining grapheme joiner', 'x\u034fy'],
    ['a variation selector', 'x\ufe0fy'],
    ['a supplementary variation selector', 'x\u{e0100}y'],
    ['a Hangul filler', 'x\u3164y'],
    ['a noncharacter', 'x\ufffey'],
  ])('refuses %s', (_what, value) => {
    expect(refusedFor(value)).toBe(INVISIBLE);
  });

  it('stores an identifier with full-width digits and letters as ASCII, so that a number that looks the same is the same number', () => {
    const documentNumber = text({ max: 80, identifier: true });
    expect(documentNumber.parse('沪浦税罚〔２０２６〕７００１号', 'json')).toEqual({ ok: true, value: '沪浦税罚〔2026〕7001号' });
    expect(documentNumber.parse('（２０２６）沪0115执1001号', 'json')).toEqual({ ok: true, value: '（2026）沪0115执1001号' });
    expect(documentNumber.parse('Ｈ2-XSS-1 ', 'json')).toEqual({ ok: true, value: 'H2-XSS-1' });
    expect(line.parse('全角 ２０２６', 'json')).toEqual({ ok: true, value: '全角 ２０２６' });
  });

  it.each([
    ['a decision', '正常文字 2026-11-30 罚款 500.00 元 沪浦税罚〔2026〕201号'],
    ['amounts and periods', '金额 1000000 元，2019-01-01 至 2020-01-01'],
    ['a bank account number', '账号 6222021001112223334'],
    ['a Unified Social Credit Code', '9111010500088WXJ4C'],
    ['a list of amounts', '罚款 5,000.00 元、没收 12,000.50 元、合计 17,000.50 元'],
    ['two dates and a case number', '2019-01-01 至 2020-12-31，（2024）沪0115执1234号'],
    ['a 20-digit contract number', '合同编号 31011519901231000400'],
  ])('takes %s', (_what, value) => {
    expect(line.parse(value, 'json')).toEqual({ ok: true, value });
  });
});
