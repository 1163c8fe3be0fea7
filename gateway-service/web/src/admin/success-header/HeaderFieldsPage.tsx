import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { ErrorMessage, Loading, PageTitle } from '../../ui/States';
import { fieldKey } from '../../success/labels';

/** Every field a success record's header may show, in the order the header shows them. */
export const HEADER_FIELDS = [
  'number',
  'state',
  'account',
  'subject',
  'dueDate',
  'daysRemaining',
  'product',
  'assigneeName',
  'parentNumber',
  'updatedAt',
] as const;

const PATH = '/api/success/header-fields';

/** The admin chooses the header fields of the customer success detail page (case-service keeps the setting). */
export function HeaderFieldsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['success', 'header-fields'],
    queryFn: ({ signal }) => get<{ fields: string[] }>(PATH, signal),
  });
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorMessage error={current.error} onRetry={() => void current.refetch()} />;
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fields = HEADER_FIELDS.filter((f) => form.get(f) === 'on');
    setSaved(false);
    setError(null);
    try {
      await request('PUT', PATH, { body: { fields } });
      await client.invalidateQueries({ queryKey: ['success', 'header-fields'] });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageTitle>{t('admin.tab.success-header')}</PageTitle>
      <form className="card stack" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>{t('success.headerLegend')}</legend>
          {HEADER_FIELDS.map((f) => (
            <label key={f}>
              <input type="checkbox" name={f} defaultChecked={current.data.fields.includes(f)} /> {t(fieldKey(f))}
            </label>
          ))}
        </fieldset>
        {saved && (
          <p className="state ok" role="status">
            {t('success.headerSaved')}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary">
          {t('success.saveHeader')}
        </button>
      </form>
    </>
  );
}
