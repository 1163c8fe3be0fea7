import { useId, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, NotFound, PageError, PageTitle } from '../ui/States';
import { isKind, PAGE_SIZE, readListState, SORTS, STATES, useSuccessList, type Kind } from './api';
import { fieldKey, listTitleKey, stateKey } from './labels';

/** One list of the account in focus: All or My, filtered by state, sorted, a page at a time. */
export function SuccessListPage() {
  const { accountId = '', kind } = useParams();
  if (!isKind(kind)) return <NotFound />;
  return <SuccessList accountId={accountId} kind={kind} />;
}

function SuccessList({ accountId, kind }: { accountId: string; kind: Kind }) {
  const { t, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const s = readListState(kind, params);
  const list = useSuccessList(accountId, kind, s);
  const ids = useId();
  if (list.error instanceof Problem && [403, 404].includes(list.error.status)) return <PageError error={list.error} />;
  const section = list.data?.records;
  const rows = section?.data?.items ?? [];
  const title = t(listTitleKey(s.list, kind));
  const go = (next: Partial<typeof s>) => {
    const merged = { ...s, ...next };
    const p = new URLSearchParams({ list: merged.list, sort: merged.sort, direction: merged.direction });
    if (merged.state) p.set('state', merged.state);
    if (merged.offset) p.set('offset', String(merged.offset));
    setParams(p);
  };
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    go({
      state: String(form.get('state') ?? '') || null,
      sort: String(form.get('sort')) as typeof s.sort,
      direction: form.get('direction') === 'asc' ? 'asc' : 'desc',
      offset: 0,
    });
  };
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success`}>{t('success.backToLists')}</Link>
      </p>
      <section className="card" aria-labelledby={`${ids}-title`}>
        <div className="card-head">
          <h2 id={`${ids}-title`}>{title}</h2>
          {list.data?.permissions.work && kind !== 'tasks' && (
            <div className="card-actions">
              <Link className="button primary" to={`/accounts/${accountId}/success/${kind}/new`}>
                {t('success.new')}
              </Link>
            </div>
          )}
        </div>
        <form className="filters" onSubmit={apply} aria-label={t('success.filter')} key={params.toString()}>
          <label htmlFor={`${ids}-state`}>{t('success.stateFilter')}</label>
          <select id={`${ids}-state`} name="state" defaultValue={s.state ?? ''}>
            <option value="">{t('success.anyState')}</option>
            {STATES[kind].map((st) => (
              <option key={st} value={st}>
                {t(stateKey(st))}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-sort`}>{t('success.sort')}</label>
          <select id={`${ids}-sort`} name="sort" defaultValue={s.sort}>
            {SORTS.map((f) => (
              <option key={f} value={f}>
                {t(fieldKey(f))}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-direction`}>{t('success.direction')}</label>
          <select id={`${ids}-direction`} name="direction" defaultValue={s.direction}>
            <option value="desc">{t('success.desc')}</option>
            <option value="asc">{t('success.asc')}</option>
          </select>
          <button type="submit">{t('success.apply')}</button>
        </form>
        {list.isPending && (
          <p className="state loading" role="status">
            {t('section.loading', { name: title })}
          </p>
        )}
        {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
        {section && section.status !== 'ok' && (
          <div className="state unavailable" role="status">
            <p>
              {t('section.unavailable', { name: title })}
              {section.detail ? ` (${section.detail})` : ''}
            </p>
            <button type="button" onClick={() => void list.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {section?.status === 'ok' && rows.length === 0 && <p className="state empty">{t('success.none')}</p>}
        {rows.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby={`${ids}-title`} tabIndex={0}>
            <table data-testid="success-table">
              <thead>
                <tr>
                  <th scope="col">{t('success.field.number')}</th>
                  <th scope="col">{t('success.field.subject')}</th>
                  <th scope="col">{t('success.field.state')}</th>
                  <th scope="col">{t('success.field.dueDate')}</th>
                  <th scope="col">{t('success.field.daysRemaining')}</th>
                  <th scope="col">{t('success.field.assigneeName')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.number}>
                    <th scope="row">
                      <Link to={`/accounts/${accountId}/success/${kind}/${r.number}`}>{r.number}</Link>
                    </th>
                    <td>{r.subject}</td>
                    <td>
                      <span className="badge">{t(stateKey(r.state))}</span>
                    </td>
                    <td>{date(r.dueDate)}</td>
                    <td>{r.daysRemaining ?? ''}</td>
                    <td>{r.assigneeName ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="pager">
          {s.offset > 0 && (
            <button type="button" onClick={() => go({ offset: Math.max(0, s.offset - PAGE_SIZE) })}>
              {t('success.previous')}
            </button>
          )}
          {section?.data?.more && (
            <button type="button" onClick={() => go({ offset: s.offset + PAGE_SIZE })}>
              {t('success.next')}
            </button>
          )}
        </div>
      </section>
    </>
  );
}
