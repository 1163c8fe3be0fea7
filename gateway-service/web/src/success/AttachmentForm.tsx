import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/States';
import { UploadForm } from '../ui/UploadForm';
import { recordKey, uploadRecordAttachment, type Kind } from './api';

/** A file on the record, for whoever may comment on it (as in My Cases); case-service checks it again. */
export function AttachmentForm({ accountId, kind, number }: { accountId: string; kind: Kind; number: string }) {
  const { t } = useI18n();
  const ids = useId();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async (file: File) => {
    setBusy(true);
    setDone(false);
    setError(null);
    try {
      await uploadRecordAttachment(accountId, kind, number, file);
      await client.invalidateQueries({ queryKey: recordKey(accountId, kind, number) });
      setDone(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.attach')}</h2>
      {done && (
        <p className="state ok" role="status">
          {t('case.attached')}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <UploadForm
        id={`${ids}-file`}
        texts={{
          label: t('success.file'),
          hint: t('case.attachHint'),
          submit: t('case.upload'),
          missing: t('case.chooseFile'),
          tooLarge: t('newCase.fileTooLarge'),
        }}
        busy={busy}
        onSubmit={send}
      />
    </section>
  );
}
