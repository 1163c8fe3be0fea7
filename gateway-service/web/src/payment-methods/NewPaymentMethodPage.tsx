import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, PageTitle } from '../ui/States';
import { CardFields } from './CardFields';
import { cardProblems, EMPTY_CARD, saveCard, tokenize } from './card';

export function NewPaymentMethodPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [card, setCard] = useState(EMPTY_CARD);
  const [makeDefault, setMakeDefault] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const problems = cardProblems(card, new Date());
  const save = useMutation({
    mutationFn: async () => saveCard(accountId, (await tokenize(card)).token, makeDefault),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['account', accountId] });
      void navigate(`/accounts/${accountId}/my-account#payment-methods`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length === 0 && !save.isPending) save.mutate();
  };
  return (
    <>
      <PageTitle>{t('card.title')}</PageTitle>
      <form className="stack narrow" onSubmit={submit} noValidate>
        <CardFields value={card} onChange={setCard} problems={problems} showProblems={submitted} />
        <div className="check">
          <input
            id="make-default"
            type="checkbox"
            checked={makeDefault}
            onChange={(e) => setMakeDefault(e.target.checked)}
          />
          <label htmlFor="make-default">{t('card.makeDefault')}</label>
        </div>
        {save.isError && <ErrorMessage error={save.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('card.saving') : t('card.save')}
          </button>
          <Link to={`/accounts/${accountId}/my-account`}>{t('card.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
