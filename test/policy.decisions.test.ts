import { CURRENT_PLANNING, decideAtResolution, decideBeforePlanning, decideForSubject, grantedLevel, reachesNeverToCreditService, UNCLASSIFIED, withPurpose, withSubjectCeiling, type Consent, type SpecialApplication, type Requirement } from '../shared/policy/decide';
import { PUBLIC_PRINCIPAL, type Principal } from '../shared/policy/principal';
import { covers } from '../shared/policy/levels';
import { categoryCovers } from '../shared/policy/categories';

const NOW = new Date('2026-06-30T12:00:00Z');
const SUBJECT = '9111010500088WXJ4C';
const OTHER = '91110105E0P68UJ85P';
const BANK = '91310000MA1FL0BANK';

const principal = (over: Partial<Principal>): Principal => ({ ...PUBLIC_PRINCIPAL, ...over });
const bank = principal({ kind: 'CREDIT_SERVICE', organization: BANK, grants: [{ category: 'finance', level: 'RESTRICTED' }, { category: 'health', level: 'SPECIAL' }], purposes: ['LOAN_APPROVAL'] });
const taxBureau = principal({ kind: 'GOVERNMENT', organization: '11110000TAXBUREAU1', grants: [{ category: 'tax', level: 'SHARED' }, { category: '*', level: 'SHARED' }] });
const regulator = principal({ kind: 'REGULATOR', organization: '11100000PBOC000001', grants: [{ category: '*', level: 'RESTRICTED' }], statutory: true });
const itself = principal({ kind: 'SUBJECT', organization: SUBJECT, subject: SUBJECT });
const taxAuthority = principal({ kind: 'AUTHORITY', organization: '113101158AQ3U46C6U', authorityName: '国家税务总局上海市浦东新区税务局', submits: ['tax'] });

const req = (category: string, level: Requirement['level'], publicWhen: string | null = null): Requirement => ({ category, level, publicWhen });

const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'consent-1',
  subject: SUBJECT,
  organization: BANK,
  purpose: 'LOAN_APPROVAL',
  categories: ['finance.credit'],
  validFrom: new Date('2026-06-01T00:00:00Z'),
  validUntil: new Date('2026-07-01T00:00:00Z'),
  revokedAt: null,
  ...over,
});

const application = (over: Partial<SpecialApplication> = {}): SpecialApplication => ({
  id: 'application-1',
  organization: BANK,
  subject: SUBJECT,
  categories: ['finance.assets'],
  purpose: 'LOAN_APPROVAL',
  validUntil: new Date('2026-07-15T00:00:00Z'),
  approvedAt: new Date('2026-06-20T00:00:00Z'),
  revokedAt: null,
  ...over,
});

describe('levels and categories', () => {
  it.each([
    ['PUBLIC', 'PUBLIC', true],
    ['SHARED', 'PUBLIC', true],
    ['SHARED', 'RESTRICTED', false],
    ['SPECIAL', 'RESTRICTED', true],
    ['RESTRICTED', 'SPECIAL', false],
  ] as const)('a grant at %s covers %s: %s', (granted, required, expected) => {
    expect(covers(granted, required)).toBe(expected);
  });

  it.each([
    ['finance', 'finance.credit', true],
    ['finance', 'finance', true],
    ['finance.credit', 'finance', false],
    ['fin', 'finance.credit', false],
    ['*', 'health.clinical', true],
  ])('a grant on %s covers %s: %s', (granted, category, expected) => {
    expect(categoryCovers(granted, category)).toBe(expected);
  });

  it('takes the highest of several matching grants', () => {
    expect(grantedLevel(taxBureau, 'tax.rating')).toBe('SHARED');
    expect(grantedLevel(bank, 'finance.credit')).toBe('RESTRICTED');
    expect(grantedLevel(bank, 'tax.rating')).toBeNull();
  });
});

describe('before planning, when the subgraphs decide per subject', () => {
  it.each([
    ['the public, a PUBLIC field', PUBLIC_PRINCIPAL, req('registry.identity', 'PUBLIC'), { allowed: true, basis: 'public' }],
    ['the public, a field public for some records', PUBLIC_PRINCIPAL, req('tax.rating', 'SHARED', 'grade is A'), { allowed: true, basis: 'per-record' }],
    ['the public, a SHARED field', PUBLIC_PRINCIPAL, req('tax.registration', 'SHARED'), { allowed: false, reason: 'requires SHARED access to tax.registration; the caller holds no grant for it', requirement: req('tax.registration', 'SHARED') }],
    ['a tax bureau, a SHARED tax field', taxBureau, req('tax.registration', 'SHARED'), { allowed: true, basis: 'grant' }],
    ['a tax bureau, a RESTRICTED finance field', taxBureau, req('finance.credit', 'RESTRICTED'), { allowed: false, reason: "requires RESTRICTED access to finance.credit; the caller's grants reach SHARED", requirement: req('finance.credit', 'RESTRICTED') }],
    ['a bank, a RESTRICTED finance field', bank, req('finance.credit', 'RESTRICTED'), { allowed: true, basis: 'grant' }],
    ['a bank, clinical data', bank, req('health.clinical', 'SPECIAL'), { allowed: false, reason: 'health.clinical is never disclosed to credit service bodies', requirement: req('health.clinical', 'SPECIAL') }],
    ['a subject acting as itself, a RESTRICTED field', itself, req('finance.credit', 'RESTRICTED'), { allowed: true, basis: 'self' }],
    ['an organization, a SPECIAL field', bank, req('finance.assets', 'SPECIAL'), { allowed: true, basis: 'special-application' }],
    ['the public, a SPECIAL field', PUBLIC_PRINCIPAL, req('finance.assets', 'SPECIAL'), { allowed: false, reason: 'requires SPECIAL access to finance.assets; the caller holds no grant for it', requirement: req('finance.assets', 'SPECIAL') }],
  ])('%s', (_label, who, requirement, expected) => {
    expect(decideBeforePlanning(who, requirement, { subjectScoped: true, perRecord: true })).toEqual(expected);
  });
});

describe('the graph plans per subject and per record', () => {
  it('leaves subject-dependent fields to the subgraphs and filters publicWhen lists per record', () => {
    expect(CURRENT_PLANNING).toEqual({ subjectScoped: true, perRecord: true });
  });
});

describe('where no single subject is concerned, failing closed on what depends on one', () => {
  const notPerSubject = "requires the subject's authorization, and no single subject is concerned: only statutory inquiry is served";
  it.each([
    ['the public, a PUBLIC field', PUBLIC_PRINCIPAL, req('registry.identity', 'PUBLIC'), { allowed: true, basis: 'public' }],
    ['the public, a field public for some records', PUBLIC_PRINCIPAL, req('tax.rating', 'SHARED', 'grade is A'), { allowed: false, reason: 'requires SHARED access to tax.rating; the caller holds no grant for it', requirement: req('tax.rating', 'SHARED', 'grade is A') }],
    ['a tax bureau, a SHARED field public for some records', taxBureau, req('tax.rating', 'SHARED', 'grade is A'), { allowed: true, basis: 'grant' }],
    ['a bank, a RESTRICTED finance field', bank, req('finance.credit', 'RESTRICTED'), { allowed: false, reason: notPerSubject, requirement: req('finance.credit', 'RESTRICTED') }],
    ['a regulator with a statutory power, a RESTRICTED field', regulator, req('finance.credit', 'RESTRICTED'), { allowed: true, basis: 'statutory' }],
    ['a subject acting as itself, a RESTRICTED field', itself, req('finance.credit', 'RESTRICTED'), { allowed: false, reason: 'requires RESTRICTED access to finance.credit; the caller holds no grant for it', requirement: req('finance.credit', 'RESTRICTED') }],
    ['a bank holding SPECIAL, a SPECIAL field', bank, req('health.insurance.assets', 'SPECIAL'), { allowed: false, reason: 'requires an approved special application for one subject, and no single subject is concerned', requirement: req('health.insurance.assets', 'SPECIAL') }],
  ])('%s', (_label, who, requirement, expected) => {
    expect(decideBeforePlanning(who, requirement, { subjectScoped: false, perRecord: false })).toEqual(expected);
  });
});

describe('for one subject', () => {
  const facts = (over: Partial<Parameters<typeof decideForSubject>[2]> = {}) => ({
    subject: SUBJECT,
    purpose: 'LOAN_APPROVAL',
    consents: [] as Consent[],
    applications: [] as SpecialApplication[],
    now: NOW,
    ...over,
  });
  const restricted = req('finance.credit', 'RESTRICTED');
  const special = req('finance.assets', 'SPECIAL');

  it.each([
    ['a bank with the subject\'s consent in force', bank, restricted, facts({ consents: [consent()] }), { allowed: true, basis: 'consent', ref: 'consent-1' }],
    ['a regulator with a statutory power and no consent', regulator, restricted, facts(), { allowed: true, basis: 'statutory' }],
    ['the subject itself', itself, special, facts(), { allowed: true, basis: 'self' }],
    ['a bank with an approved application in force', bank, special, facts({ applications: [application()] }), { allowed: true, basis: 'special-application', ref: 'application-1' }],
    ['a tax bureau, shared data', taxBureau, req('tax.registration', 'SHARED'), facts(), { allowed: true, basis: 'grant' }],
  ] as const)('allows %s', (_label, who, requirement, subjectFacts, expected) => {
    expect(decideForSubject(who, requirement, subjectFacts)).toEqual(expected);
  });

  const noConsent = "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force";
  const noApplication = 'requires an approved special application for this subject and finance.assets, in force';
  it.each([
    ['a bank without consent', bank, restricted, facts(), noConsent],
    ['a bank whose consent expired', bank, restricted, facts({ consents: [consent({ validUntil: new Date('2026-06-30T11:59:59Z') })] }), noConsent],
    ['a bank whose consent is not yet valid', bank, restricted, facts({ consents: [consent({ validFrom: new Date('2026-07-01T00:00:00Z') })] }), noConsent],
    ['a bank whose consent was revoked', bank, restricted, facts({ consents: [consent({ revokedAt: new Date('2026-06-29T00:00:00Z') })] }), noConsent],
    ['a bank whose consent is for another subject', bank, restricted, facts({ consents: [consent({ subject: OTHER })] }), noConsent],
    ['a bank whose consent is for another purpose', bank, restricted, facts({ consents: [consent({ purpose: 'GUARANTEE_REVIEW' })] }), noConsent],
    ['a bank whose consent is for another category', bank, restricted, facts({ consents: [consent({ categories: ['finance.judicial'] })] }), noConsent],
    ['another bank holding the consent', principal({ ...bank, organization: '91310000MA1FLOTHER' }), restricted, facts({ consents: [consent()] }), noConsent],
    ['a subject asking about another subject', principal({ ...itself, subject: OTHER, organization: OTHER }), restricted, facts(), 'requires RESTRICTED access to finance.credit; the caller holds no grant for it'],
    ['a bank whose application is not approved', bank, special, facts({ applications: [application({ approvedAt: null })] }), noApplication],
    ['a bank whose application expired', bank, special, facts({ applications: [application({ validUntil: NOW })] }), noApplication],
    ['a bank whose application was revoked', bank, special, facts({ applications: [application({ revokedAt: new Date('2026-06-29T00:00:00Z') })] }), noApplication],
    ['a regulator without an application, for special data', regulator, special, facts(), noApplication],
    ['a bank, clinical data even under an application', bank, req('health.clinical', 'SPECIAL'), facts({ applications: [application({ categories: ['health'] })] }), 'health.clinical is never disclosed to credit service bodies'],
  ] as const)('denies %s', (_label, who, requirement, subjectFacts, reason) => {
    expect(decideForSubject(who, requirement, subjectFacts)).toEqual({ allowed: false, reason, requirement });
  });
});

describe('at resolution in a subgraph', () => {
  const facts = { subject: SUBJECT, purpose: 'LOAN_APPROVAL', consents: [consent()], applications: [], now: NOW };
  it.each([
    ['a bank, a consented subject', bank, req('finance.credit', 'RESTRICTED'), facts, { allowed: true, basis: 'consent', ref: 'consent-1' }],
    ['the subject itself, its own listing public only for some records', itself, req('registry.listing', 'SHARED', 'while listed'), { ...facts, consents: [] }, { allowed: true, basis: 'self' }],
    ['the public, a listing public for some records', PUBLIC_PRINCIPAL, req('registry.listing', 'SHARED', 'while listed'), facts, { allowed: true, basis: 'per-record' }],
    ['a subject, another subject\'s listing', principal({ ...itself, subject: OTHER }), req('registry.listing', 'SHARED', 'while listed'), facts, { allowed: true, basis: 'per-record' }],
    ['a regulator, a field of no single subject', regulator, req('access.inquiry', 'RESTRICTED'), null, { allowed: true, basis: 'statutory' }],
    ['a source authority, an objection served without its subject (its own queue and answers)', taxAuthority, req('recourse.objection', 'RESTRICTED'), null, { allowed: true, basis: 'source-authority' }],
  ] as const)('allows %s', (_label, who, requirement, subjectFacts, expected) => {
    expect(decideAtResolution(who, requirement, subjectFacts)).toEqual(expected);
  });

  it.each([
    ['a bank, a field of no single subject', bank, req('finance.credit', 'RESTRICTED'), null, "requires the subject's authorization, and no single subject is concerned: only statutory inquiry is served"],
    ['a subject acting as itself, a field of no single subject', itself, req('access.inquiry', 'RESTRICTED'), null, 'requires RESTRICTED access to access.inquiry; the caller holds no grant for it'],
    ['a source authority, the objections of one subject', taxAuthority, req('recourse.objection', 'RESTRICTED'), { ...facts, consents: [] }, 'requires RESTRICTED access to recourse.objection; the caller holds no grant for it'],
    ['a source authority, another recourse category than objections and repair', taxAuthority, req('recourse.oversight', 'RESTRICTED'), null, 'requires RESTRICTED access to recourse.oversight; the caller holds no grant for it'],
    ['a bank whose consents could not be loaded', bank, req('finance.credit', 'RESTRICTED'), { ...facts, consents: [], unavailable: true }, "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force (the subject's authorizations could not be loaded, so none is assumed)"],
  ] as const)('denies %s', (_label, who, requirement, subjectFacts, reason) => {
    expect(decideAtResolution(who, requirement, subjectFacts)).toEqual({ allowed: false, reason, requirement: { ...requirement, publicWhen: null } });
  });
});

describe('the subject-type ceiling: a natural person', () => {
  const PERSON = '11010519491231002X';
  const person = { subject: PERSON, naturalPerson: true, purpose: 'LOAN_APPROVAL', consents: [], applications: [], now: NOW };
  const identity = req('registry.identity', 'PUBLIC');

  it('raises a PUBLIC field to SHARED in its own category, and drops public-per-record', () => {
    expect(withSubjectCeiling(identity, true)).toEqual(req('registry.identity', 'SHARED'));
    expect(withSubjectCeiling(req('finance.judicial', 'SHARED', 'while listed'), true)).toEqual(req('finance.judicial', 'SHARED'));
    expect(withSubjectCeiling(req('finance.credit', 'RESTRICTED'), true)).toEqual(req('finance.credit', 'RESTRICTED'));
    expect(withSubjectCeiling(req('structure', 'PUBLIC'), true)).toEqual(req('structure', 'PUBLIC'));
    expect(withSubjectCeiling(identity, false)).toBe(identity);
  });

  it.each([
    ['the public, its identity', PUBLIC_PRINCIPAL, identity, 'requires SHARED access to registry.identity; the caller holds no grant for it'],
    ['the public, its listing public for some records', PUBLIC_PRINCIPAL, req('finance.judicial', 'SHARED', 'while listed'), 'requires SHARED access to finance.judicial; the caller holds no grant for it'],
    ['a bank without a grant on identity', bank, identity, 'requires SHARED access to registry.identity; the caller holds no grant for it'],
  ] as const)('is hidden from %s', (_label, who, requirement, reason) => {
    expect(decideAtResolution(who, requirement, person)).toEqual({ allowed: false, reason, requirement: { ...withSubjectCeiling(requirement, true) } });
  });

  it.each([
    ['a tax bureau with a shared grant', taxBureau, { allowed: true, basis: 'grant' }],
    ['the person itself', principal({ ...itself, organization: PERSON, subject: PERSON }), { allowed: true, basis: 'self' }],
  ] as const)('is seen by %s', (_label, who, expected) => {
    expect(decideAtResolution(who, identity, person)).toEqual(expected);
  });
});

describe('a purpose of inquiry on every disclosure above PUBLIC', () => {
  const allowed = { allowed: true, basis: 'grant' } as const;
  it.each([
    ['no purpose', null, { allowed: false, reason: 'requires a stated purpose of inquiry (header x-inquiry-purpose) for finance.credit', requirement: req('finance.credit', 'SHARED') }],
    ['a purpose the token does not hold', 'JUDICIAL', { allowed: false, reason: "the purpose JUDICIAL is not among the caller's purposes", requirement: req('finance.credit', 'SHARED') }],
    ['an allowed purpose', 'LOAN_APPROVAL', allowed],
  ] as const)('decides a disclosure with %s', (_label, purpose, expected) => {
    expect(withPurpose(bank, purpose, allowed, req('finance.credit', 'SHARED'))).toEqual(expected);
  });

  it("takes SELF_QUERY for the subject's own records only: a disclosure on any other basis is denied under it", () => {
    const holder = principal({ ...itself, purposes: ['SELF_QUERY'] });
    expect(withPurpose(holder, 'SELF_QUERY', { allowed: true, basis: 'self' }, req('finance.credit', 'RESTRICTED'))).toEqual({ allowed: true, basis: 'self' });
    for (const basis of ['grant', 'consent', 'statutory', 'special-application'] as const) {
      expect(withPurpose(holder, 'SELF_QUERY', { allowed: true, basis }, req('finance.credit', 'RESTRICTED'))).toEqual({
        allowed: false,
        reason: "the purpose SELF_QUERY covers only the caller's own records",
        requirement: req('finance.credit', 'RESTRICTED'),
      });
    }
  });

  it('asks nothing of what is public', () => {
    expect(withPurpose(PUBLIC_PRINCIPAL, null, { allowed: true, basis: 'public' }, req('registry.identity', 'PUBLIC'))).toEqual({ allowed: true, basis: 'public' });
    expect(withPurpose(PUBLIC_PRINCIPAL, null, { allowed: true, basis: 'per-record' }, req('tax.rating', 'SHARED', 'A'))).toEqual({ allowed: true, basis: 'per-record' });
  });
});

describe('what is never decided in anyone\'s favour', () => {
  it('denies an unclassified field to every caller, a regulator and the subject itself included', () => {
    for (const who of [PUBLIC_PRINCIPAL, bank, regulator, itself, principal({ kind: 'REGULATOR', organization: 'X', grants: [{ category: '*', level: 'SPECIAL' }], statutory: true })]) {
      expect(decideBeforePlanning(who, UNCLASSIFIED, CURRENT_PLANNING).allowed).toBe(false);
      expect(decideForSubject(who, UNCLASSIFIED, { subject: SUBJECT, purpose: 'LOAN_APPROVAL', consents: [], applications: [], now: NOW }).allowed).toBe(false);
    }
  });

  it.each([
    ['health.clinical', true],
    ['health.clinical.visits', true],
    ['health', true],
    ['health.insurance', false],
    ['finance', false],
  ] as const)('tells whether %s reaches data never disclosed to credit service bodies', (category, reaches) => {
    expect(reachesNeverToCreditService(category)).toBe(reaches);
  });
});
