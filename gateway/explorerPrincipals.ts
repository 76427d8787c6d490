import type { TokenClaims } from '../shared/auth/tokens';

/**
 * The README's demo principals ("As an authorized caller"), for the explorer's principal picker in
 * development: each with the claims of its token and the purpose it states. One list, the README's
 * table in code; the development identity provider's users are the subjects and authorities.
 */
export interface DemoPrincipal {
  /** Stable id (the picker's value, the tests' handle). */
  readonly id: string;
  /** What the picker shows: Chinese first, then English. */
  readonly label: string;
  /** The token's claims; null for the public (no token). */
  readonly claims: TokenClaims | null;
  /** The `x-inquiry-purpose` it states; null for none. */
  readonly purpose: string | null;
}

export const DEMO_PRINCIPALS: readonly DemoPrincipal[] = [
  { id: 'public', label: '公众（无令牌） · the public (no token)', claims: null, purpose: null },
  {
    id: 'tax-bureau',
    label: '国家税务总局北京市税务局 · a tax bureau',
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
    label: '中国工商银行上海市分行 · a bank',
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
    label: '百行征信有限公司 · a credit bureau',
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
    label: '国家金融监督管理总局 · a regulator',
    claims: {
      kind: 'REGULATOR',
      org: '11100000000013127D',
      name: '国家金融监督管理总局',
      grants: ['*:RESTRICTED'],
      purposes: ['SUPERVISION'],
      statutory: true,
    },
    purpose: 'SUPERVISION',
  },
  {
    id: 'demo-group',
    label: '北京诚昌控股集团有限公司（本主体） · the demo group, as itself',
    claims: { kind: 'SUBJECT', org: '9111010500088WXJ4C', subject: '9111010500088WXJ4C', grants: [], purposes: ['SELF_QUERY'] },
    purpose: 'SELF_QUERY',
  },
];
