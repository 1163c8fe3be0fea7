import { useId, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../api/client';
import type { CustomerAccountRow, Page } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/States';

/** The accounts the agent may see whose name or number matches, the current one left out. */
export function pickableAccounts(rows: CustomerAccountRow[], currentAccountId: string): CustomerAccountRow[] {
  return rows.filter((r) => r.accountId !== currentAccountId);
}

/**
 * Pick an account by name: search Customer Accounts, then choose one of the matches (radio buttons
 * named `to`, so the surrounding form reads the chosen account id).
 */
export function AccountPicker({
  currentAccountId,
  invalid,
  errorId,
}: {
  currentAccountId: string;
  invalid: boolean;
  errorId: string;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['customer-accounts', 'picker', q],
    queryFn: ({ signal }) => get<Page<CustomerAccountRow>>(`/api/customer-accounts${query({ q, limit: 10 })}`, signal),
    enabled: q.length > 0,
  });
  const search = () => setQ(text.trim());
  // Enter in the search box searches instead of submitting the move
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search();
    }
  };
  const rows = pickableAccounts(found.data?.items ?? [], currentAccountId);
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined}>
      <legend>{t('case.moveTo')}</legend>
      <div className="actions">
        <label htmlFor={`${ids}-q`}>{t('case.moveSearch')}</label>
        <input
          id={`${ids}-q`}
          type="search"
          maxLength={100}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        <button type="button" onClick={search}>
          {t('case.moveFind')}
        </button>
      </div>
      {found.isFetching && (
        <p className="state loading" role="status">
          {t('app.loading')}
        </p>
      )}
      {found.isError && <ErrorMessage error={found.error} onRetry={() => void found.refetch()} />}
      {found.isSuccess && rows.length === 0 && (
        <p className="state empty" role="status">
          {t('case.moveNoMatch')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="stack" data-testid="account-choices">
          {rows.map((r) => (
            <label key={r.accountId}>
              <input type="radio" name="to" value={r.accountId} /> {r.name} ({r.accountNumber})
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
