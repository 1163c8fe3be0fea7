import { useId } from 'react';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Loading } from '../ui/States';
import { contactChoices, useAccountContacts } from './api';

/** Whom a record is visible to: the account's contacts by name, as checkboxes named `contacts`. */
export function ContactPicker({ accountId, selected }: { accountId: string; selected: string[] }) {
  const { t } = useI18n();
  const ids = useId();
  const contacts = useAccountContacts(accountId);
  const choices = contactChoices(contacts.data ?? [], selected);
  return (
    <fieldset aria-describedby={`${ids}-hint`} data-testid="contact-picker">
      <legend>{t('success.contacts')}</legend>
      <p id={`${ids}-hint`} className="hint">
        {t('success.contactsHint')}
      </p>
      {contacts.isPending && <Loading label={t('success.contactsLoading')} />}
      {contacts.isError && <ErrorMessage error={contacts.error} onRetry={() => void contacts.refetch()} />}
      {contacts.isSuccess && choices.length === 0 && <p className="state empty">{t('success.noContacts')}</p>}
      <div className="choices">
        {choices.map((c) => (
          <label key={c.id}>
            <input type="checkbox" name="contacts" value={c.id} defaultChecked={selected.includes(c.id)} /> {c.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
