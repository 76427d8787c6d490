/**
 * The credit information catalogue's categories. Categories are hierarchical (dot-separated): a
 * grant on `finance` covers `finance.credit` and `finance.judicial`. Every category a directive
 * names must be listed here, with what it holds and why it sits at its level.
 */
export interface CategoryInfo {
  readonly category: string;
  readonly holds: string;
  readonly basis: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { category: 'record.envelope', holds: 'The authority that decided a record.', basis: 'Public bodies act in public' },
  { category: 'registry.identity', holds: 'Code, kind, name, status and region of a subject.', basis: 'Market-entity registration is public (Outline IV(1))' },
  { category: 'registry.registration', holds: "Establishment, capital, domicile, industry, registering authority, legal representative's name.", basis: 'Enterprise information publicity regulations' },
  { category: 'registry.listing', holds: 'Abnormal-operation and serious-illegal listings.', basis: 'Public while listed; shared after removal' },
  { category: 'finance.credit', holds: 'Credit accounts, repayment records, guarantees and their summaries.', basis: 'CIR Arts. 18, 20: authorized query only' },
  { category: 'finance.assets', holds: 'Assets and income: real estate, vehicles, deposits, equity, declared income.', basis: 'Special data: special application only (Outline IV(5))' },
  { category: 'finance.judicial', holds: 'Dishonest judgment-debtor listings, civil judgments and enforcement.', basis: 'SPC dishonest-debtor list; public judgments' },
  { category: 'tax.registration', holds: 'Tax registrations and taxpayer status.', basis: 'Government sharing catalogue' },
  { category: 'tax.rating', holds: 'Tax credit grades.', basis: 'A-grade taxpayers are published; other grades are shared' },
  { category: 'tax.arrears', holds: 'Tax-arrears announcements.', basis: 'Tax Collection Law Art. 45: announced to the public' },
  { category: 'tax.violation', holds: 'Major tax violations and their responsible persons.', basis: 'STA Order 54: published for three years' },
  { category: 'tax.penalty', holds: 'Administrative penalties by tax authorities.', basis: '"Double publicity" of licences and penalties' },
  { category: 'construction.qualification', holds: 'Enterprise qualification certificates.', basis: 'Construction-market publicity' },
  { category: 'construction.practitioner', holds: 'Registered practitioners.', basis: 'Construction-market publicity' },
  { category: 'construction.project', holds: 'Construction projects.', basis: 'Construction-market publicity' },
  { category: 'construction.conduct', holds: 'Good- and bad-behaviour records.', basis: 'Severity A and B published for a term; C shared' },
  { category: 'construction.blacklist', holds: 'Construction-market blacklist.', basis: 'Published for the listing term' },
  { category: 'construction.wage', holds: 'Wage-arrears listings of migrant workers.', basis: 'Published for three years' },
  { category: 'ecommerce.shop', holds: 'Online shops.', basis: 'E-Commerce Law Art. 15: licence display' },
  { category: 'ecommerce.platform', holds: 'Measures platforms took against shops.', basis: 'Platform governance records: shared' },
  { category: 'ecommerce.ip', holds: 'Intellectual-property notice outcomes.', basis: 'Platform records: shared' },
  { category: 'ecommerce.penalty', holds: 'Penalties for counterfeit goods sold online.', basis: '"Double publicity", for the publicity term' },
  { category: 'ecommerce.complaint', holds: 'Consumer-complaint statistics.', basis: 'Regulator statistics: shared' },
  { category: 'health.licence', holds: 'Medical institution practice licences.', basis: 'Licences are published' },
  { category: 'health.practitioner', holds: 'Physician practice registrations.', basis: 'Registrations are published' },
  { category: 'health.assessment', holds: 'Periodic assessments of physicians.', basis: 'Shared among health authorities' },
  { category: 'health.insurance', holds: 'Medical-insurance conduct: staff practice scores, fund violations.', basis: 'Personal scores restricted; institutional violations published for a term' },
  { category: 'health.clinical', holds: 'Hospital visits of natural persons: institution, visit type, diagnosis chapter.', basis: 'Special data; never to credit service bodies (CIR Art. 14)' },
  { category: 'record.history', holds: 'Earlier versions of a record, and who changed it, when and why.', basis: 'CIR Art. 25: the subject and statutory inquirers; others see the current version only' },
  { category: 'record.notice', holds: 'Notices telling a subject of negative records about it: what, from whom, when, how to object.', basis: 'CIR Art. 15: the subject and statutory inquirers' },
  { category: 'submission', holds: 'Submitting, correcting and withdrawing records, and the reports of what was written.', basis: 'Source authorities only, for the categories their token names, as themselves' },
  { category: 'recourse.objection', holds: "A subject's objections to its records and their source authorities' answers, step by step.", basis: 'CIR Art. 25: the subject files them; the subject and statutory inquirers read them' },
  { category: 'recourse.statement', holds: "A subject's own statements on its records, and their history.", basis: 'CIR Art. 16; PBoC reports (本人声明): the current statement travels with its record; the history is the subject\'s' },
  { category: 'recourse.repair', holds: "A subject's applications for credit repair (early end of a record's publicity) and their decisions.", basis: 'SAMR penalty publicity Art. 14; NDRC repair rules: the subject applies; the subject and statutory inquirers read them' },
  { category: 'recourse.oversight', holds: 'Objections their source authorities left unanswered past the due day.', basis: 'CIR Art. 25: regulators oversee the answer deadline' },
  { category: 'report', holds: "A credit report's header: its number, when and for whom it was made, the purpose, and the subject's statement on the whole report.", basis: 'Every other section of a report is the graph itself, under its own classification' },
  { category: 'report.self', holds: "How many of its own reports a subject has had this year, and how many remain free.", basis: 'CIR Art. 17: free twice a year; the subject only' },
  { category: 'access.consent', holds: "Subjects' authorizations of organizations to query their restricted records.", basis: 'CIR Arts. 18, 20: the subject and statutory inquirers only' },
  { category: 'access.application', holds: 'Special applications to query special data: applying, and the applications themselves.', basis: 'Outline IV(5): special inquiry by special application' },
  { category: 'access.approval', holds: 'Deciding special applications: approving, rejecting, revoking.', basis: 'A statutory power over special inquiry' },
  { category: 'access.inquiry', holds: 'Inquiry records: who queried which subject, when, why and what was disclosed.', basis: 'CIR Art. 22: the subject and regulators only' },
  { category: 'structure', holds: 'Connections, edges, page information and sector profiles: no information of their own.', basis: '-' },
];

export const CATEGORY_NAMES: ReadonlySet<string> = new Set(CATEGORIES.map((c) => c.category));

/** Whether a grant on `granted` covers `category` (itself or one of its sub-categories). */
export function categoryCovers(granted: string, category: string): boolean {
  return granted === '*' || category === granted || category.startsWith(`${granted}.`);
}
