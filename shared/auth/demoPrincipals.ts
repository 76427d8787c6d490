import { DEMO_STORIES, subjectAt } from '../generator/subjects';
import { DEMO_AUTHORITIES } from '../ingest/authorities';
import type { TokenClaims } from './tokens';

/**
 * The demo's principals, defined once: the development sign-in provider's accounts (`identity/`),
 * the explorer's principal picker and the README's table of demo principals (`npm run docs`) all
 * read them from here.
 *
 * - {@link demoPrincipals}: who the README's examples query as (the public, a tax bureau, a bank, a
 *   credit bureau, a regulator, the demo group as itself), with the claims of their tokens and the
 *   purpose of inquiry they state by default.
 * - {@link demoAccounts}: who may sign in at the development provider: the demo subjects (kind
 *   SUBJECT, acting as themselves) and the demo source authorities (kind AUTHORITY).
 */

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface DemoPrincipal {
  /** A stable id (`public`, `tax-bureau`, ...). */
  readonly id: string;
  /** How the README and the explorer name it. */
  readonly label: Bilingual;
  /** The claims of its token; null for the public, which sends no token. */
  readonly claims: TokenClaims | null;
  /** The purpose of inquiry it states by default (header `x-inquiry-purpose`); null for none. */
  readonly purpose: string | null;
}

/** The demo group (the first demo subject of the dataset of `seed`), as itself. */
function demoGroup(seed: number): string {
  return subjectAt(seed, (DEMO_STORIES[0] as { index: number }).index).code;
}

/** The README's demo principals for the dataset of `seed` (only the demo group's code depends on it). */
export function demoPrincipals(seed: number): readonly DemoPrincipal[] {
  const group = demoGroup(seed);
  return [
    { id: 'public', label: { zh: '公众', en: 'the public' }, claims: null, purpose: null },
    {
      id: 'tax-bureau',
      label: { zh: '税务局', en: 'a tax bureau' },
      claims: {
        kind: 'GOVERNMENT',
        org: '11110000000029373Q',
        name: '国家税务总局北京市税务局',
        grants: ['tax:SHARED', 'registry:SHARED'],
        purposes: ['ADMINISTRATIVE_APPROVAL', 'SUPERVISION'],
      },
      purpose: 'ADMINISTRATIVE_APPROVAL',
    },
    {
      id: 'bank',
      label: { zh: '银行', en: 'a bank' },
      claims: {
        kind: 'CREDIT_SERVICE',
        org: '91310000132209224R',
        name: '中国工商银行上海市分行',
        grants: ['finance:RESTRICTED', 'registry:SHARED', 'access.application:SHARED'],
        purposes: ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT'],
      },
      purpose: 'LOAN_APPROVAL',
    },
    {
      id: 'credit-bureau',
      label: { zh: '征信机构', en: 'a credit bureau' },
      claims: {
        kind: 'CREDIT_SERVICE',
        org: '91110000717825966F',
        name: '百行征信有限公司',
        grants: ['registry:SHARED', 'tax:SHARED', 'construction:SHARED', 'ecommerce:SHARED', 'finance:RESTRICTED'],
        purposes: ['CREDIT_RATING'],
      },
      purpose: 'CREDIT_RATING',
    },
    {
      id: 'regulator',
      label: { zh: '监管机构', en: 'a regulator' },
      claims: {
        kind: 'REGULATOR',
        org: '11100000000013127D',
        name: '国家金融监督管理总局',
        grants: ['*:RESTRICTED'],
        statutory: true,
        purposes: ['SUPERVISION'],
      },
      purpose: 'SUPERVISION',
    },
    {
      id: 'demo-group',
      label: { zh: '示例集团（本人）', en: 'the demo group, as itself' },
      claims: { kind: 'SUBJECT', org: group, subject: group, grants: [], purposes: ['SELF_QUERY'] },
      purpose: 'SELF_QUERY',
    },
  ];
}

/** The `npm run token` command that prints a token with these claims (the README's table). */
export function tokenCommand(claims: TokenClaims): string {
  const quote = (value: string) => (/^[A-Za-z0-9._:@/-]+$/u.test(value) || /^[\p{L}\p{N}]+$/u.test(value) ? value : `'${value}'`);
  const parts = ['npm run --silent token --'];
  if (claims.kind === 'SUBJECT') parts.push(`--subject ${quote(claims.subject ?? '')}`);
  else parts.push(`--kind ${claims.kind}`);
  parts.push(`--org ${quote(claims.org)}`);
  if (claims.name !== undefined) parts.push(`--name ${quote(claims.name)}`);
  if (claims.staff !== undefined) parts.push(`--staff ${quote(claims.staff)}`);
  for (const grant of claims.grants) parts.push(`--grant ${quote(grant)}`);
  for (const category of claims.submits ?? []) parts.push(`--submits ${quote(category)}`);
  if (claims.statutory) parts.push('--statutory');
  for (const purpose of claims.purposes) parts.push(`--purpose ${quote(purpose)}`);
  return parts.join(' ');
}

/** The README's table of demo principals (between its `demo-principals` markers). */
export function demoPrincipalsMarkdown(seed: number): string {
  const rows = demoPrincipals(seed).map(({ label, claims }) => `| ${label.en} | ${claims === null ? 'no token' : `\`${tokenCommand(claims)}\``} |`);
  return ['| principal | token |', '|---|---|', ...rows].join('\n');
}

/** Someone who may sign in at the development provider. */
export interface DemoAccount {
  /**
   * The account id, which is the token's `sub` (staff): the subject's own code for a subject,
   * `<staff>@<USCC>` for a member of an authority's staff.
   */
  readonly id: string;
  readonly kind: 'SUBJECT' | 'AUTHORITY';
  /** The subject's or the authority's name. */
  readonly name: string;
  /** What it is, to choose it on the sign-in page. */
  readonly description: Bilingual;
  /** The Credit Graph claims of its access tokens (`principalFromClaims` accepts them as they are). */
  readonly claims: TokenClaims;
}

const SUBJECT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'a diversified group with negative records in every sector': '多元化集团，各领域均有失信记录',
  'a clean construction firm, A-grade taxpayer': '无不良记录的建筑企业，A级纳税人',
  'a public hospital with a medical-insurance fund violation': '有医保基金违规记录的公立医院',
  'a physician (natural person) with insurance practice-score deductions': '医保执业记分被扣分的医师（自然人）',
  'an online shop (individual business) penalised for counterfeits': '因售假被处罚的网店（个体工商户）',
};

/**
 * The development provider's accounts for the dataset of `seed`: the demo subjects (the README's
 * table, from `DEMO_STORIES`), each acting as itself, then the demo source authorities
 * (`DEMO_AUTHORITIES`), each as its member of staff.
 */
export function demoAccounts(seed: number): readonly DemoAccount[] {
  const subjects = DEMO_STORIES.map(({ index, story }): DemoAccount => {
    const subject = subjectAt(seed, index);
    return {
      id: subject.code,
      kind: 'SUBJECT',
      name: subject.name,
      description: { zh: SUBJECT_DESCRIPTIONS[story] ?? story, en: story },
      claims: { kind: 'SUBJECT', org: subject.code, subject: subject.code, grants: [], purposes: ['SELF_QUERY'] },
    };
  });
  const authorities = [...DEMO_AUTHORITIES.values()].map((authority): DemoAccount => {
    const staff = authority.staff ?? 'clerk-1';
    const { staff: _staff, ...claims } = authority;
    return {
      id: `${staff}@${authority.org}`,
      kind: 'AUTHORITY',
      name: authority.name,
      description: { zh: `报送：${authority.submits.join('、')}`, en: `submits ${authority.submits.join(', ')}` },
      claims,
    };
  });
  return [...subjects, ...authorities];
}
