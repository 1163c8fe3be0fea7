import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Problem } from '../api/client';
import type { CreditApplication, Invoice, PayScreen } from '../api/types';
import { useI18n } from '../i18n/I18n';
import {
  creditRequest,
  payRequest,
  preselect,
  sortOldestDue,
  splitCredit,
  total,
  validate,
  type OpenInvoice,
} from '../lib/allocation';
import { attemptKey, endAttempt, keepKeyAfter } from '../lib/idempotency';
import { fractionDigits, parseAmount, toMinor } from '../lib/money';
import { cardLabel } from '../my-account/PaymentMethods';
import { CardFields } from '../payment-methods/CardFields';
import { cardProblems, EMPTY_CARD, saveCard, tokenize, type CardInput } from '../payment-methods/card';
import { Loading, PageError, PageTitle } from '../ui/States';
import { applyCredit, newKey, pay, usePayScreen } from './api';

type Step = 'choose' | 'method' | 'review';
type Method = { kind: 'saved'; id: string } | { kind: 'new' };

export function PayPage() {
  const { accountId = '', invoiceId } = useParams();
  const { t } = useI18n();
  const screen = usePayScreen(accountId);
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} onRetry={() => void screen.refetch()} />;
  return (
    <>
      <PageTitle>{t('pay.title')}</PageTitle>
      {!screen.data.canPay ? (
        <p className="state">{t('pay.notAllowed')}</p>
      ) : screen.data.openInvoices.length === 0 ? (
        <p className="state empty">{t('pay.noOpen')}</p>
      ) : (
        <PayFlow accountId={accountId} screen={screen.data} invoiceId={invoiceId} />
      )}
    </>
  );
}

function amountText(minor: number, currency: string, locale: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(minor / 10 ** digits);
}

function PayFlow({ accountId, screen, invoiceId }: { accountId: string; screen: PayScreen; invoiceId?: string }) {
  const { t, money, date, locale } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const currency = screen.currency;
  const invoices = useMemo(() => sortOldestDue(screen.openInvoices), [screen.openInvoices]);
  const open: OpenInvoice[] = useMemo(
    () => invoices.map((i) => ({ id: i.id, dueDate: i.dueDate, balance: toMinor(i.balance, currency) })),
    [invoices, currency],
  );
  const [step, setStep] = useState<Step>('choose');
  // what the person typed per chosen invoice (absent = not chosen)
  const [typed, setTyped] = useState<Record<string, string>>(() => {
    const target = invoiceId ? open.find((i) => i.id === invoiceId) : undefined;
    const start = target ? { [target.id]: target.balance } : preselect(open);
    return Object.fromEntries(Object.entries(start).map(([id, m]) => [id, amountText(m, currency, locale)]));
  });
  const defaultMethod =
    screen.paymentMethods.find((m) => m.isDefault && !m.expired) ?? screen.paymentMethods.find((m) => !m.expired);
  const [method, setMethod] = useState<Method>(
    defaultMethod ? { kind: 'saved', id: defaultMethod.id } : { kind: 'new' },
  );
  const [card, setCard] = useState<CardInput>(EMPTY_CARD);
  const [keepCard, setKeepCard] = useState(true);
  const [showProblems, setShowProblems] = useState(false);
  const [failure, setFailure] = useState<{ retryable: boolean; detail: string; credit?: string | number } | null>(null);
  const [busy, setBusy] = useState(false);
  const creditMinor = Math.max(0, toMinor(screen.creditBalance, currency));
  const [useCredit, setUseCredit] = useState(creditMinor > 0);
  const [applied, setApplied] = useState<CreditApplication | null>(null);
  const inFlight = useRef(false);
  // a new card is tokenized (and saved) once per attempt, so a retry reuses it
  const cardFor = useRef<{ key: string; method: { paymentMethodId: string } | { cardToken: string } } | null>(null);

  const chosen: Record<string, number | null> = Object.fromEntries(
    Object.entries(typed).map(([id, text]) => [id, parseAmount(text, currency, locale)]),
  );
  const problems = validate(chosen, open);
  const chosenMinor = Object.fromEntries(Object.entries(chosen).map(([id, m]) => [id, m ?? 0]));
  const sum = total(chosenMinor);
  // credit balance pays first (oldest due chosen invoice first), the card the rest
  const split = splitCredit(chosenMinor, open, useCredit ? creditMinor : 0);
  const creditSum = total(split.credit);
  const cardSum = total(split.card);
  const major = (minor: number) => money(minor / 10 ** fractionDigits(currency), currency);
  const byId = (id: string) => invoices.find((i) => i.id === id) as Invoice;
  const problemText = (p: (typeof problems)[number]) =>
    'invoiceId' in p ? t(`pay.problem.${p.problem}`, { number: byId(p.invoiceId).number }) : t('pay.problem.nothing');
  const cardIssues = method.kind === 'new' ? cardProblems(card, new Date()) : {};
  const savedMethod = method.kind === 'saved' ? screen.paymentMethods.find((m) => m.id === method.id) : undefined;
  const methodLabel = savedMethod
    ? cardLabel(savedMethod, t)
    : t('methods.card', { brand: t('pay.newCard'), last4: card.number.replace(/\D/g, '').slice(-4) });

  const next = (e: FormEvent) => {
    e.preventDefault();
    setShowProblems(true);
    if (step === 'choose' && problems.length === 0) {
      setShowProblems(false);
      setStep(cardSum > 0 ? 'method' : 'review');
    } else if (step === 'method' && Object.keys(cardIssues).length === 0) {
      setShowProblems(false);
      setStep('review');
    }
  };

  const confirm = async () => {
    if (inFlight.current) return; // a double click sends one request
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    const describe =
      method.kind === 'saved'
        ? { paymentMethodId: method.id }
        : { newCard: `${card.number.replace(/\D/g, '').slice(-4)}/${card.expMonth}/${card.expYear}`, keepCard };
    const credit = creditRequest(split.credit, open, currency);
    const key = attemptKey(
      sessionStorage,
      accountId,
      { ...payRequest(split.card, open, currency, { cardToken: '' }), describe, credit },
      newKey,
    );
    let creditApplied: CreditApplication | null = null;
    try {
      if (creditSum > 0) {
        // its own key derived from the attempt's: a retry of the attempt never applies the credit twice
        creditApplied = (await applyCredit(accountId, credit, `${key}-credit`)).body;
      }
      if (cardSum === 0 && creditApplied) {
        endAttempt(sessionStorage, accountId);
        await client.invalidateQueries({ queryKey: ['account', accountId] });
        setApplied(creditApplied);
        return;
      }
      let payWith: { paymentMethodId: string } | { cardToken: string };
      if (method.kind === 'saved') payWith = { paymentMethodId: method.id };
      else if (cardFor.current?.key === key) payWith = cardFor.current.method;
      else {
        const token = (await tokenize(card)).token;
        payWith = keepCard ? { paymentMethodId: (await saveCard(accountId, token, false)).id } : { cardToken: token };
        cardFor.current = { key, method: payWith };
      }
      const answer = await pay(accountId, payRequest(split.card, open, currency, payWith), key);
      endAttempt(sessionStorage, accountId);
      await client.invalidateQueries({ queryKey: ['account', accountId] });
      void navigate(`/accounts/${accountId}/payments/${answer.body.id}`);
    } catch (error) {
      const status = error instanceof Problem ? error.status : undefined;
      const retryable = keepKeyAfter(status);
      if (!retryable) {
        endAttempt(sessionStorage, accountId);
        cardFor.current = null;
      }
      if (creditApplied) await client.invalidateQueries({ queryKey: ['account', accountId] });
      setFailure({
        retryable,
        detail: error instanceof Error ? error.message : String(error),
        credit: creditApplied ? creditApplied.amount : undefined,
      });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (applied) {
    return (
      <section className="stack" aria-labelledby="credit-applied-title" data-testid="credit-applied">
        <h2 id="credit-applied-title">{t('pay.creditApplied')}</h2>
        <table className="receipt-lines">
          <thead>
            <tr>
              <th scope="col">{t('invoices.number')}</th>
              <th scope="col" className="num">
                {t('payments.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {applied.invoices.map((i) => (
              <tr key={i.invoiceId}>
                <th scope="row">{i.number}</th>
                <td className="num">{money(i.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('pay.creditLeft', { credit: money(applied.account.creditBalance, currency) })}</p>
        <div className="actions">
          <Link to={`/accounts/${accountId}/my-account`}>{t('pay.backToAccount')}</Link>
        </div>
      </section>
    );
  }

  const steps: Step[] = cardSum > 0 ? ['choose', 'method', 'review'] : ['choose', 'review'];
  return (
    <>
      <ol className="steps">
        {steps.map((s, n) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'current' : ''}>
            {n + 1}. {t(`pay.step.${s}`)}
          </li>
        ))}
      </ol>

      {step === 'choose' && (
        <form onSubmit={next} noValidate className="stack">
          <fieldset>
            <legend>{t('pay.step.choose')}</legend>
            <ul className="pay-invoices">
              {invoices.map((i) => {
                const on = i.id in typed;
                const inputId = `amount-${i.id}`;
                const problem = showProblems
                  ? problems.find((p) => 'invoiceId' in p && p.invoiceId === i.id)
                  : undefined;
                return (
                  <li key={i.id} className={on ? 'chosen' : ''}>
                    <div className="check">
                      <input
                        type="checkbox"
                        id={`pick-${i.id}`}
                        checked={on}
                        onChange={(e) =>
                          setTyped((cur) => {
                            if (e.target.checked)
                              return { ...cur, [i.id]: amountText(toMinor(i.balance, currency), currency, locale) };
                            return Object.fromEntries(Object.entries(cur).filter(([id]) => id !== i.id));
                          })
                        }
                      />
                      <label htmlFor={`pick-${i.id}`}>
                        <strong>{i.number}</strong>{' '}
                        <span className="muted">
                          {t('pay.balanceOf', { balance: money(i.balance, currency), due: date(i.dueDate) })}
                        </span>
                      </label>
                    </div>
                    {on && (
                      <div className="field amount">
                        <label htmlFor={inputId}>{t('pay.amountFor', { number: i.number })}</label>
                        <input
                          id={inputId}
                          inputMode="decimal"
                          value={typed[i.id]}
                          onChange={(e) => setTyped((cur) => ({ ...cur, [i.id]: e.target.value }))}
                          aria-invalid={problem ? true : undefined}
                          aria-describedby={problem ? `${inputId}-problem` : undefined}
                        />
                        {problem && (
                          <span id={`${inputId}-problem`} className="field-error">
                            {problemText(problem)}
                          </span>
                        )}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          {showProblems && problems.some((p) => !('invoiceId' in p)) && (
            <p className="field-error" role="alert">
              {t('pay.problem.nothing')}
            </p>
          )}
          {creditMinor > 0 && (
            <div className="check">
              <input
                type="checkbox"
                id="use-credit"
                checked={useCredit}
                onChange={(e) => setUseCredit(e.target.checked)}
              />
              <label htmlFor="use-credit">
                {t('pay.useCredit', { credit: money(screen.creditBalance, currency) })}
              </label>
            </div>
          )}
          <p className="total">
            {t('pay.total')}: <strong data-testid="pay-total">{major(sum)}</strong>
            {creditSum > 0 && (
              <span className="muted" data-testid="pay-split">
                {' '}
                {t('pay.split', { credit: major(creditSum), card: major(cardSum) })}
              </span>
            )}
          </p>
          <div className="actions">
            <button type="submit" className="primary">
              {t('pay.next')}
            </button>
            <Link to={`/accounts/${accountId}/my-account`}>{t('card.cancel')}</Link>
          </div>
        </form>
      )}

      {step === 'method' && (
        <form onSubmit={next} noValidate className="stack">
          <fieldset>
            <legend>{t('pay.step.method')}</legend>
            {screen.paymentMethods
              .filter((m) => !m.expired)
              .map((m) => (
                <div className="check" key={m.id}>
                  <input
                    type="radio"
                    name="method"
                    id={`method-${m.id}`}
                    checked={method.kind === 'saved' && method.id === m.id}
                    onChange={() => setMethod({ kind: 'saved', id: m.id })}
                  />
                  <label htmlFor={`method-${m.id}`}>
                    {cardLabel(m, t)}
                    {m.isDefault ? ` (${t('methods.default')})` : ''}
                  </label>
                </div>
              ))}
            <div className="check">
              <input
                type="radio"
                name="method"
                id="method-new"
                checked={method.kind === 'new'}
                onChange={() => setMethod({ kind: 'new' })}
              />
              <label htmlFor="method-new">{t('pay.newCard')}</label>
            </div>
          </fieldset>
          {method.kind === 'new' && (
            <>
              <CardFields value={card} onChange={setCard} problems={cardIssues} showProblems={showProblems} />
              <div className="check">
                <input
                  id="keep-card"
                  type="checkbox"
                  checked={keepCard}
                  onChange={(e) => setKeepCard(e.target.checked)}
                />
                <label htmlFor="keep-card">{t('pay.saveCard')}</label>
              </div>
            </>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              {t('pay.next')}
            </button>
            <button type="button" onClick={() => setStep('choose')}>
              {t('pay.back')}
            </button>
          </div>
        </form>
      )}

      {step === 'review' && (
        <section className="stack" aria-labelledby="review-title">
          <h2 id="review-title">{t('pay.review')}</h2>
          <table className="receipt-lines">
            <thead>
              <tr>
                <th scope="col">{t('invoices.number')}</th>
                <th scope="col" className="num">
                  {t('payments.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices
                .filter((i) => i.id in typed)
                .map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.number}</th>
                    <td className="num">
                      {money((chosenMinor[i.id] ?? 0) / 10 ** fractionDigits(currency), currency)}
                    </td>
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('pay.total')}</th>
                <td className="num">
                  <strong>{major(sum)}</strong>
                </td>
              </tr>
              {creditSum > 0 && (
                <tr>
                  <th scope="row">{t('pay.fromCredit')}</th>
                  <td className="num" data-testid="review-credit">
                    {major(creditSum)}
                  </td>
                </tr>
              )}
              {creditSum > 0 && cardSum > 0 && (
                <tr>
                  <th scope="row">{t('pay.byCard')}</th>
                  <td className="num" data-testid="review-card">
                    {major(cardSum)}
                  </td>
                </tr>
              )}
            </tfoot>
          </table>
          {cardSum > 0 && (
            <p>
              {t('pay.with')}: <strong>{methodLabel}</strong>
            </p>
          )}
          {failure && (
            <div className="state error" role="alert">
              {failure.credit !== undefined && (
                <p>{t('pay.creditKept', { credit: money(failure.credit, currency) })}</p>
              )}
              <p>{t('pay.failed', { detail: failure.detail })}</p>
              {failure.retryable && <p>{t('pay.retryable')}</p>}
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => void confirm()}
              disabled={busy}
              data-testid="confirm-payment"
            >
              {busy ? t('pay.paying') : t('pay.confirm', { amount: major(sum) })}
            </button>
            <button type="button" onClick={() => setStep(cardSum > 0 ? 'method' : 'choose')} disabled={busy}>
              {t('pay.back')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
