import { Link } from 'react-router';
import type { Contact, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { SectionBox } from '../ui/Section';

interface Props {
  accountId: string;
  section: Section<{ billTo: Contact | null; soldTo: Contact | null }> | undefined;
  canEdit: boolean;
  loading: boolean;
  error: unknown;
}

export function Address({ contact }: { contact: Contact | null }) {
  const { t } = useI18n();
  if (!contact) return <p className="muted">{t('contacts.none')}</p>;
  return (
    <address>
      {contact.name}
      <br />
      {contact.line1}
      {contact.line2 && (
        <>
          <br />
          {contact.line2}
        </>
      )}
      <br />
      {[contact.postalCode, contact.city].filter(Boolean).join(' ')}
      {contact.region ? `, ${contact.region}` : ''}
      <br />
      {contact.country}
      <br />
      {contact.email}
      {contact.phone && (
        <>
          <br />
          {contact.phone}
        </>
      )}
    </address>
  );
}

export function Contacts({ accountId, section, canEdit, loading, error }: Props) {
  const { t } = useI18n();
  return (
    <SectionBox
      id="contacts"
      title={t('contacts.title')}
      section={section}
      loading={loading}
      error={error}
      actions={
        canEdit && (
          <Link className="button" to={`/accounts/${accountId}/contacts/edit`}>
            {t('contacts.edit')}
          </Link>
        )
      }
    >
      {(c) => (
        <div className="contacts">
          <div>
            <h3>{t('contacts.billTo')}</h3>
            <Address contact={c.billTo} />
          </div>
          <div>
            <h3>{t('contacts.soldTo')}</h3>
            <Address contact={c.soldTo} />
          </div>
        </div>
      )}
    </SectionBox>
  );
}
