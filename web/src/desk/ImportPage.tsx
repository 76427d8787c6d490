import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePrincipal } from '../app/auth';
import { IMPORT_FIELDS } from './importFields';
import { formatOfFileName, importFile, type ImportFormat, type ImportOutcome } from './importFile';
import { listsSubmitted, type Sector } from './sectors';
import { Empty, ErrorState, explain, useDocumentTitle } from './states';
import { useDesk } from './useDesk';

/**
 * A department's daily batch: one file of one record type, NDJSON or CSV, sent as the authority
 * itself. All rows or none: an invalid file writes nothing, and its report names each bad line.
 */
export function ImportPage() {
  const { t } = useTranslation('desk');
  useDocumentTitle(t('import.title'));
  const { sectors, submits } = useDesk();
  const principal = usePrincipal();
  const queryClient = useQueryClient();
  const id = useId();
  // `?sector=…&list=…` (from an objection to correct) chooses the list, when the authority submits it.
  const [params] = useSearchParams();
  const asked = sectors.find((s) => s === params.get('sector'));
  const [sector, setSector] = useState<Sector | ''>(asked ?? sectors[0] ?? '');
  const lists = sector === '' ? [] : listsSubmitted(submits, sector);
  const [list, setList] = useState((lists.find((l) => l.list === params.get('list')) ?? lists[0])?.list ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('ndjson');
  const [acceptLegacyCodes, setAcceptLegacyCodes] = useState(false);

  const upload = useMutation<ImportOutcome, Error, { sector: Sector; list: string; file: File; format: ImportFormat; acceptLegacyCodes: boolean }>({
    mutationFn: (request) => importFile({ ...request, accessToken: principal?.accessToken ?? '' }),
    onSuccess: (outcome) => {
      if (outcome.kind === 'written') void queryClient.invalidateQueries();
    },
  });

  const chooseSector = (next: Sector) => {
    setSector(next);
    setList(listsSubmitted(submits, next)[0]?.list ?? '');
  };
  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    const detected = chosen ? formatOfFileName(chosen.name) : null;
    if (detected) setFormat(detected);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sector === '' || list === '' || file === null) return;
    upload.mutate({ sector, list, file, format, acceptLegacyCodes });
  };

  if (sectors.length === 0) return <Empty>{t('noSectors')}</Empty>;
  const chosenList = lists.find((l) => l.list === list);

  return (
    <section aria-labelledby="desk-import-title">
      <h1 id="desk-import-title">{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <form onSubmit={submit} className="desk-form">
        <label htmlFor={`${id}-sector`}>{t('import.sector')}</label>
        <select id={`${id}-sector`} value={sector} onChange={(e) => chooseSector(e.target.value as Sector)}>
          {sectors.map((s) => (
            <option key={s} value={s}>
              {t(`sector.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-list`}>{t('import.list')}</label>
        <select id={`${id}-list`} value={list} onChange={(e) => setList(e.target.value)} aria-describedby={`${id}-list-hint`}>
          {lists.map((l) => (
            <option key={l.list} value={l.list}>
              {t(`recordType.${l.recordType}`, { defaultValue: l.recordType })} ({l.list})
            </option>
          ))}
        </select>
        <p id={`${id}-list-hint`} className="desk-hint">
          {chosenList && t('import.endpoint', { path: `/imports/${sector}/${chosenList.list}` })}
        </p>
        {chosenList && <Columns recordType={chosenList.recordType} list={chosenList.list} />}
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          required
          accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv"
          onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          aria-describedby={`${id}-file-hint`}
        />
        <p id={`${id}-file-hint`} className="desk-hint">
          {t('import.fileHint')}
        </p>
        <fieldset>
          <legend>{t('import.format')}</legend>
          {(['ndjson', 'csv'] as const).map((f) => (
            <div className="desk-choice desk-inline" key={f}>
              <input type="radio" id={`${id}-${f}`} name={`${id}-format`} checked={format === f} onChange={() => setFormat(f)} />
              <label htmlFor={`${id}-${f}`}>{t(`import.format_${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="desk-confirm">
          <input
            type="checkbox"
            id={`${id}-legacy`}
            checked={acceptLegacyCodes}
            onChange={(e) => setAcceptLegacyCodes(e.target.checked)}
            aria-describedby={`${id}-legacy-hint`}
          />
          <label htmlFor={`${id}-legacy`}>{t('import.acceptLegacyCodes')}</label>
        </div>
        <p id={`${id}-legacy-hint`} className="desk-hint">
          {t('import.acceptLegacyCodesHint')}
        </p>
        <button type="submit" className="primary" disabled={upload.isPending || file === null}>
          {upload.isPending ? t('import.sending') : t('import.submit')}
        </button>
      </form>
      {upload.isError && <ErrorState error={upload.error} title={t('import.failed')} />}
      {upload.data && <ImportResult outcome={upload.data} fileName={upload.variables?.file.name ?? ''} />}
    </section>
  );
}

function ImportResult({ outcome, fileName }: { outcome: ImportOutcome; fileName: string }) {
  const { t } = useTranslation('desk');
  if (outcome.kind === 'refused') {
    return (
      <div role="alert" className="desk-error">
        <p className="desk-error-title">{t('import.refused', { file: fileName, status: outcome.status })}</p>
        {explain(t, [outcome.code]) && <p>{explain(t, [outcome.code])}</p>}
        <p>
          {outcome.message} <span className="desk-code">{t('state.code', { code: outcome.code })}</span>
        </p>
      </div>
    );
  }
  if (outcome.kind === 'invalid') {
    return (
      <section className="desk-report" aria-labelledby="desk-import-report">
        <h2 id="desk-import-report">{t('import.reportTitle')}</h2>
        <p role="alert">{t('import.invalid', { file: fileName, count: outcome.problemCount })}</p>
        {outcome.problemCount > outcome.problems.length && (
          <p className="muted">{t('import.problemsShown', { shown: outcome.problems.length, count: outcome.problemCount })}</p>
        )}
        <table>
          <caption className="visually-hidden">{t('import.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.problems.map((p, index) => (
              <tr key={`${p.line}-${p.field}-${index}`}>
                <td>{p.line === 0 ? t('import.wholeFile') : p.line}</td>
                <td>
                  <code>{p.field}</code>
                </td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  const r = outcome.report;
  return (
    <section className="desk-report" aria-labelledby="desk-import-report">
      <h2 id="desk-import-report">{t('import.reportTitle')}</h2>
      <p role="status" className="desk-done-text">
        {outcome.kind === 'written' ? t('import.written', { file: fileName }) : t('import.unchanged', { file: fileName })}
      </p>
      <dl className="desk-facts">
        {(['received', 'created', 'corrected', 'unchanged', 'notices'] as const).map((k) => (
          <div key={k}>
            <dt>{t(`import.count_${k}`)}</dt>
            <dd>{r[k]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The columns (CSV) or keys (NDJSON) of a record type's file, required ones first, and a CSV header to start from. */
function Columns({ recordType, list }: { recordType: string; list: string }) {
  const { t } = useTranslation('desk');
  const fields = IMPORT_FIELDS[recordType] ?? [];
  const required = fields.filter(([, r]) => r).map(([name]) => name);
  const optional = fields.filter(([, r]) => !r).map(([name]) => name);
  const header = `data:text/csv;charset=utf-8,${encodeURIComponent(`${fields.map(([name]) => name).join(',')}\n`)}`;
  return (
    <div className="desk-columns">
      <p>
        {t('import.required')}{' '}
        {required.map((name, i) => (
          <span key={name}>
            {i > 0 && ', '}
            <code>{name}</code>
          </span>
        ))}
      </p>
      <p>
        {t('import.optional')}{' '}
        {optional.map((name, i) => (
          <span key={name}>
            {i > 0 && ', '}
            <code>{name}</code>
          </span>
        ))}
      </p>
      <p>
        <a href={header} download={`${list}.csv`}>
          {t('import.template')}
        </a>
      </p>
    </div>
  );
}
