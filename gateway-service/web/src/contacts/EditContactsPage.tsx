import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Problem, request } from '../api/client';
import type { Contact } from '../api/types';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { useMyAccount } from '../my-account/api';
import { ErrorMessage, Forbidden, Loading, PageError, PageTitle } from '../ui/States';

type Which = 'bill-to' | 'sold-to';
const FIELDS: { name: keyof Contact; required: boolean; autoComplete: string; type?: string }[] = [
  { name: 'name', required: true, autoComplete: 'name' },
  { name: 'email', required: true, autoComplete: 'email', type: 'email' },
  { name: 'phone', required: false, autoComplete: 'tel', type: 'tel' },
  { name: 'line1', required: true, autoComplete: 'address-line1' },
  { name: 'line2', required: false, autoComplete: 'address-line2' },
  { name: 'city', required: true, autoComplete: 'address-level2' },
  { name: 'postalCode', required: false, autoComplete: 'postal-code' },
  { name: 'region', required: false, autoComplete: 'address-level1' },
  { name: 'country', required: true, autoComplete: 'country' },
];

/** Where a change that needs a fresh password goes: Keycloak asks again, then comes back here. */
export function reauthenticateUrl(path: string): string {
  return `/login/reauthenticate?return=${encodeURIComponent(path)}`;
}

export function EditContactsPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const screen = useMyAccount(accountId);
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} />;
  if (!screen.data.permissions.editContacts) return <Forbidden />;
  const contacts = screen.data.contacts;
  return (
    <>
      <p className="crumbs">
        <Link to={`/accounts/${accountId}/my-account`}>{t('tab.my-account')}</Link>
      </p>
      <PageTitle>{t('contacts.edit')}</PageTitle>
      {contacts.status !== 'ok' || !contacts.data ? (
        <p className="state unavailable">{t('section.unavailable', { name: t('contacts.title') })}</p>
      ) : (
        <div className="contacts">
          <ContactForm accountId={accountId} which="bill-to" initial={contacts.data.billTo} />
          <ContactForm accountId={accountId} which="sold-to" initial={contacts.data.soldTo} />
        </div>
      )}
    </>
  );
}

function ContactForm({ accountId, which, initial }: { accountId: string; which: Which; initial: Contact | null }) {
  const { t } = useI18n();
  const id = useId();
  const client = useQueryClient();
  const title = t(which === 'bill-to' ? 'contacts.billTo' : 'contacts.soldTo');
  const [saved, setSaved] = useState(false);
  const onError = (error: Error) => {
    if (error instanceof Problem && error.slug === 'recent-login-required') {
      window.location.assign(reauthenticateUrl(window.location.pathname));
    }
  };
  const save = useMutation({
    mutationFn: (contact: Contact) =>
      request<Contact>('PUT', `/api/accounts/${accountId}/contacts/${which}`, { body: contact }),
    onSuccess: () => {
      setSaved(true);
      void client.invalidateQueries({ queryKey: ['account', accountId] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => request('DELETE', `/api/accounts/${accountId}/contacts/sold-to`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['account', accountId] }),
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const value = (name: string) => {
      const v = String(form.get(name) ?? '').trim();
      return v === '' ? null : v;
    };
    save.mutate({
      name: value('name') ?? '',
      email: value('email') ?? '',
      phone: value('phone'),
      line1: value('line1') ?? '',
      line2: value('line2'),
      city: value('city') ?? '',
      postalCode: value('postalCode'),
      region: value('region'),
      country: (value('country') ?? '').toUpperCase(),
    });
  };
  const problem = save.error instanceof Problem ? save.error : null;
  return (
    <form className="stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {FIELDS.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={`${id}-${f.name}`}>{t(`contact.${f.name}` as MessageKey)}</label>
          <input
            id={`${id}-${f.name}`}
            name={f.name}
            type={f.type ?? 'text'}
            defaultValue={initial?.[f.name] ?? ''}
            required={f.required}
            autoComplete={f.autoComplete}
            aria-invalid={problem?.field === f.name ? true : undefined}
            maxLength={f.name === 'country' ? 2 : undefined}
          />
        </div>
      ))}
      {save.isError && <ErrorMessage error={save.error} />}
      {saved && <p role="status">{t('contact.saved', { which: title })}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('contact.save', { which: title })}
        </button>
        {which === 'sold-to' && initial && (
          <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {t('contacts.removeSoldTo')}
          </button>
        )}
      </div>
      {remove.isError && <ErrorMessage error={remove.error} />}
    </form>
  );
}
