import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GrantConsentDocument, MyConsentsDocument, RevokeConsentDocument, type InquiryPurpose, type MyConsentsQuery } from '../gql/graphql';
import { useGraphQLMutation, useGraphQLQuery } from '../app/graphql';
import { chinaDayInstant, chinaToday, useFormat } from '../app/format';
import { Badge, Confirmation, ConfirmButton, ErrorNotice, QueryState, TextField } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useRefreshAfterChange, useSubjectCode } from './subject';
import { enumLabel } from './values';

/**
 * /me/consents: the authorizations the subject has given (in force first), the form to give one,
 * and revoking one. A consent lets one organization query the named categories of the subject's
 * records for one purpose, for its period; it stops working from the next request once revoked.
 */

/** The purposes an organization can be authorized for (every inquiry purpose but the subject's own). */
const PURPOSES: readonly InquiryPurpose[] = [
  'LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT', 'GUARANTEE_REVIEW', 'CREDIT_CARD_APPROVAL', 'ADMINISTRATIVE_APPROVAL', 'CREDIT_RATING', 'SUPERVISION', 'JUDICIAL',
];

/**
 * The categories of the catalogue a consent may name (docs/credit-information-catalogue.md): the
 * record categories of each sector below SPECIAL, and `access.inquiry` (who queried the subject).
 */
export const CONSENT_CATEGORIES: ReadonlyArray<{ group: string; categories: readonly string[] }> = [
  { group: 'registry', categories: ['registry.listing'] },
  { group: 'finance', categories: ['finance.credit', 'finance.judicial'] },
  { group: 'taxation', categories: ['tax.registration', 'tax.rating', 'tax.arrears', 'tax.violation', 'tax.penalty'] },
  { group: 'construction', categories: ['construction.qualification', 'construction.practitioner', 'construction.project', 'construction.conduct', 'construction.blacklist', 'construction.wage'] },
  { group: 'ecommerce', categories: ['ecommerce.shop', 'ecommerce.platform', 'ecommerce.ip', 'ecommerce.penalty', 'ecommerce.complaint'] },
  { group: 'healthcare', categories: ['health.licence', 'health.practitioner', 'health.assessment', 'health.insurance'] },
  { group: 'access', categories: ['access.inquiry'] },
];

/** A Unified Social Credit Code: 18 characters of the code's alphabet (the graph checks the check character). */
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function ConsentsPage() {
  const { t } = useTranslation('subject');
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyConsentsDocument, { code });
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <PageTitle lead={t('consents.lead')}>{t('consents.title')}</PageTitle>
      <h2>{t('consents.listTitle')}</h2>
      {done ? <Confirmation focus>{done}</Confirmation> : null}
      <QueryState query={query}>{(data) => <ConsentTable consents={data.subject?.consents?.nodes ?? []} onDone={setDone} />}</QueryState>
      <GrantForm />
    </>
  );
}

type ConsentRow = NonNullable<NonNullable<MyConsentsQuery['subject']>['consents']>['nodes'][number];

function consentState(consent: ConsentRow, now: number): 'IN_FORCE' | 'REVOKED' | 'EXPIRED' | 'PENDING' {
  if (consent.revokedAt) return 'REVOKED';
  if (consent.inForce) return 'IN_FORCE';
  return new Date(consent.validUntil).getTime() <= now ? 'EXPIRED' : 'PENDING';
}

function ConsentTable({ consents, onDone }: { consents: readonly ConsentRow[]; onDone: (message: string) => void }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const refresh = useRefreshAfterChange();
  const revoke = useGraphQLMutation(RevokeConsentDocument);
  const [showEnded, setShowEnded] = useState(false);
  const now = Date.now();
  const rows = consents.map((consent) => ({ consent, state: consentState(consent, now) }));
  const shown = showEnded ? rows : rows.filter((r) => r.state === 'IN_FORCE' || r.state === 'PENDING');
  const ended = rows.length - rows.filter((r) => r.state === 'IN_FORCE' || r.state === 'PENDING').length;
  return (
    <>
      {revoke.error ? <ErrorNotice error={revoke.error} title={t('consents.revokeFailed')} /> : null}
      {shown.length === 0 ? (
        <p className="state empty">{t('consents.noneInForce')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('consents.listTitle')} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('consents.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consents.organizationColumn')}</th>
                <th scope="col">{t('consents.purpose')}</th>
                <th scope="col">{t('consents.categories')}</th>
                <th scope="col">{t('consents.period')}</th>
                <th scope="col">{t('consents.state')}</th>
                <th scope="col">{t('consents.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ consent, state }) => (
                <tr key={consent.id}>
                  <td className="code">{consent.organization}</td>
                  <td>{enumLabel(t, 'InquiryPurpose', consent.purpose)}</td>
                  <td>
                    <ul className="plain">
                      {consent.categories.map((c) => (
                        <li key={c}>{t(`category.${c}`, { defaultValue: c })}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {format.dateTime(consent.validFrom)} – {format.dateTime(consent.validUntil)}
                  </td>
                  <td>
                    <Badge tone={state === 'IN_FORCE' ? 'ok' : state === 'PENDING' ? 'info' : 'neutral'}>{t(`consents.states.${state}`)}</Badge>
                    {consent.revokedAt ? <div className="muted small">{format.dateTime(consent.revokedAt)}</div> : null}
                  </td>
                  <td>
                    {state === 'IN_FORCE' || state === 'PENDING' ? (
                      <ConfirmButton
                        label={t('consents.revoke')}
                        question={t('consents.revokeQuestion', { organization: consent.organization })}
                        confirmLabel={t('consents.revokeConfirm')}
                        disabled={revoke.isPending}
                        onConfirm={() =>
                          revoke.mutate(
                            { subject: code, id: consent.id },
                            {
                              onSuccess: () => {
                                void refresh();
                                onDone(t('consents.revoked', { organization: consent.organization }));
                              },
                            },
                          )
                        }
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ended > 0 ? (
        <label className="inline-check">
          <input type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} /> {t('consents.showEnded', { count: ended })}
        </label>
      ) : null}
    </>
  );
}

function GrantForm() {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const refresh = useRefreshAfterChange();
  const grant = useGraphQLMutation(GrantConsentDocument);
  const today = chinaToday();
  const [organization, setOrganization] = useState('');
  const [purpose, setPurpose] = useState<InquiryPurpose | ''>('');
  const [categories, setCategories] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [granted, setGranted] = useState<string | null>(null);
  const org = organization.trim().toUpperCase();
  const errors = {
    organization: org === '' ? t('form.required') : !USCC.test(org) ? t('consents.badOrganization') : org === code ? t('consents.selfOrganization') : null,
    purpose: purpose === '' ? t('form.required') : null,
    categories: categories.length === 0 ? t('consents.noCategory') : null,
    validFrom: validFrom !== '' && validFrom < today ? t('consents.fromPast') : null,
    validUntil: validUntil === '' ? t('form.required') : validUntil < (validFrom || today) ? t('consents.untilBeforeFrom') : null,
  };
  const invalid = Object.values(errors).some(Boolean);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setGranted(null);
    if (invalid || purpose === '') return;
    grant.mutate(
      {
        input: {
          subject: code,
          organization: org,
          purpose,
          categories,
          ...(validFrom ? { validFrom: chinaDayInstant(validFrom) } : {}),
          validUntil: chinaDayInstant(validUntil, true),
        },
      },
      {
        onSuccess: (data) => {
          void refresh();
          setGranted(t('consents.granted', { organization: org, validUntil: format.dateTime(data.grantConsent.validUntil) }));
          setOrganization('');
          setPurpose('');
          setCategories([]);
          setValidFrom('');
          setValidUntil('');
          setSubmitted(false);
        },
      },
    );
  };
  const toggle = (category: string, on: boolean) => setCategories((now) => (on ? [...now, category] : now.filter((c) => c !== category)));
  const shown = (key: keyof typeof errors) => (submitted ? errors[key] : null);
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="grant-title">
      <h2 id="grant-title">{t('consents.grantTitle')}</h2>
      <p className="hint">{t('consents.grantHint')}</p>
      <TextField label={t('consents.organization')} value={organization} onChange={setOrganization} required hint={t('consents.organizationHint')} error={shown('organization')} />
      <div className={`field${shown('purpose') ? ' invalid' : ''}`}>
        <label htmlFor="grant-purpose">
          {t('consents.purpose')}
          <span className="required"> {t('required', { ns: 'common' })}</span>
        </label>
        <select id="grant-purpose" value={purpose} required aria-invalid={shown('purpose') ? true : undefined} aria-describedby={shown('purpose') ? 'grant-purpose-error' : undefined} onChange={(e) => setPurpose(e.target.value as InquiryPurpose | '')}>
          <option value="">{t('consents.choosePurpose')}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {enumLabel(t, 'InquiryPurpose', p)}
            </option>
          ))}
        </select>
        {shown('purpose') ? <p id="grant-purpose-error" className="field-error">{shown('purpose')}</p> : null}
      </div>
      <fieldset className={`checks${shown('categories') ? ' invalid' : ''}`} aria-describedby={shown('categories') ? 'grant-categories-error' : undefined}>
        <legend>
          {t('consents.categories')}
          <span className="required"> {t('required', { ns: 'common' })}</span>
        </legend>
        {CONSENT_CATEGORIES.map(({ group, categories: options }) => (
          <div key={group} className="check-group">
            <p className="check-group-title">{group === 'access' ? t('consents.accessGroup') : t(`sector.${group}`)}</p>
            {options.map((category) => (
              <label key={category} className="inline-check">
                <input type="checkbox" checked={categories.includes(category)} onChange={(e) => toggle(category, e.target.checked)} /> {t(`category.${category}`)}
              </label>
            ))}
          </div>
        ))}
        {shown('categories') ? <p id="grant-categories-error" className="field-error">{shown('categories')}</p> : null}
      </fieldset>
      <div className="field-row">
        <div className={`field${shown('validFrom') ? ' invalid' : ''}`}>
          <label htmlFor="grant-from">{t('consents.validFrom')}</label>
          <p id="grant-from-hint" className="hint">{t('consents.validFromHint')}</p>
          <input id="grant-from" type="date" min={today} value={validFrom} aria-invalid={shown('validFrom') ? true : undefined} aria-describedby={`grant-from-hint${shown('validFrom') ? ' grant-from-error' : ''}`} onChange={(e) => setValidFrom(e.target.value)} />
          {shown('validFrom') ? <p id="grant-from-error" className="field-error">{shown('validFrom')}</p> : null}
        </div>
        <div className={`field${shown('validUntil') ? ' invalid' : ''}`}>
          <label htmlFor="grant-until">
            {t('consents.validUntil')}
            <span className="required"> {t('required', { ns: 'common' })}</span>
          </label>
          <p id="grant-until-hint" className="hint">{t('consents.validUntilHint')}</p>
          <input id="grant-until" type="date" min={validFrom || today} value={validUntil} required aria-invalid={shown('validUntil') ? true : undefined} aria-describedby={`grant-until-hint${shown('validUntil') ? ' grant-until-error' : ''}`} onChange={(e) => setValidUntil(e.target.value)} />
          {shown('validUntil') ? <p id="grant-until-error" className="field-error">{shown('validUntil')}</p> : null}
        </div>
      </div>
      {grant.error ? <ErrorNotice error={grant.error} title={t('consents.grantFailed')} /> : null}
      {granted ? <Confirmation focus>{granted}</Confirmation> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={grant.isPending}>
          {grant.isPending ? t('form.sending') : t('consents.grant')}
        </button>
      </div>
    </form>
  );
}
