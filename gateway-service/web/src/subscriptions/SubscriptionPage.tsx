import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Problem } from '../api/client';
import type { Plan, Quote, Section, Subscription, SubscriptionScreen } from '../api/types';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { keepKeyAfter } from '../lib/idempotency';
import { fractionDigits, toMinor } from '../lib/money';
import {
  attemptFor,
  availableActions,
  cancelTimings,
  changeRequest,
  quoteTotals,
  type Attempt,
  type ChangeBody,
  type ChangeProblem,
  type SubscriptionAction,
} from '../lib/subscriptions';
import { newKey } from '../pay/api';
import { Loading, PageError, PageTitle } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { act, preview, subscriptionsKey, useSubscriptionScreen, type CancelBody, type SubscriptionCall } from './api';
import { periodKey } from './MySubscriptionsPage';

type Panel = 'change' | 'cancel' | null;

export function SubscriptionPage() {
  const { accountId = '', subscriptionId = '' } = useParams();
  const { t } = useI18n();
  const screen = useSubscriptionScreen(accountId, subscriptionId);
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} onRetry={() => void screen.refetch()} />;
  const s = screen.data.subscription;
  return (
    <>
      <p className="crumbs">
        <Link to={`/accounts/${accountId}/subscriptions`}>{t('subs.back')}</Link>
      </p>
      <PageTitle>{t('subs.detailTitle', { number: s.number })}</PageTitle>
      <SubscriptionDetail accountId={accountId} screen={screen.data} />
    </>
  );
}

/** What the person just did, said once in a live region. */
type Notice = { key: MessageKey; vars?: Record<string, string> } | null;

function SubscriptionDetail({ accountId, screen }: { accountId: string; screen: SubscriptionScreen }) {
  const { t, money, date } = useI18n();
  const client = useQueryClient();
  const s = screen.subscription;
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<SubscriptionAction | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const actions = screen.accountActive ? availableActions(s, screen.permissions) : [];

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  /** One request per attempt: a double click sends it once; a retry after a lost answer sends the same key. */
  const run = async (call: SubscriptionCall, done: Notice): Promise<boolean> => {
    if (busy) return false;
    attempt.current = attemptFor(attempt.current, { id: s.id, ...call }, newKey);
    setBusy(call.action);
    setFailure(null);
    try {
      const answer = await act(accountId, s.id, call, attempt.current.key);
      attempt.current = null;
      client.setQueryData<SubscriptionScreen>([...subscriptionsKey(accountId), s.id], (old) =>
        old && answer?.subscription ? { ...old, subscription: answer.subscription } : old,
      );
      await client.invalidateQueries({ queryKey: ['account', accountId] });
      setPanel(null);
      setNotice(done);
      return true;
    } catch (error) {
      if (!keepKeyAfter(error instanceof Problem ? error.status : undefined)) attempt.current = null;
      setFailure(error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const per = periodKey(s.billingPeriod);
  return (
    <>
      <section className="card" aria-labelledby="subscription-title">
        <div className="card-head">
          <h2 id="subscription-title">{s.planName}</h2>
          <StatusBadge status={s.status} />
        </div>
        <dl className="summary" data-testid="subscription">
          <Fact label={t('subs.number')} field="number" value={s.number} />
          <Fact label={t('subs.plan')} field="planName" value={s.planName} />
          <Fact label={t('subs.quantity')} field="quantity" value={String(s.quantity)} />
          <Fact
            label={t('subs.price')}
            field="unitPrice"
            value={`${money(s.unitPrice, s.currency)}${per ? ` ${t(per)}` : ''}`}
          />
          <Fact
            label={t('subs.term')}
            field="term"
            value={s.currentTermStart ? `${date(s.currentTermStart)} – ${date(s.currentTermEnd)}` : '–'}
          />
          <Fact label={t('subs.nextRenewal')} field="nextRenewalDate" value={date(s.nextRenewalDate)} />
          <Fact label={t('subs.mrr')} field="mrr" value={money(s.monthlyRecurringRevenue, s.currency)} />
          <Fact label={t('subs.started')} field="startDate" value={date(s.startDate)} />
          <Fact label={t('subs.autoRenew')} field="autoRenew" value={t(s.autoRenew ? 'subs.yes' : 'subs.no')} />
          {s.pausedOn && <Fact label={t('subs.pausedOn')} field="pausedOn" value={date(s.pausedOn)} />}
          {s.scheduledChange && (
            <Fact
              label={t('subs.scheduledChange')}
              field="scheduledChange"
              value={t('subs.scheduledChangeText', {
                plan: s.scheduledChange.planName,
                quantity: String(s.scheduledChange.quantity),
                date: date(s.scheduledChange.effectiveDate),
              })}
            />
          )}
          {s.cancellationDate && (
            <Fact
              label={s.cancelAtTermEnd ? t('subs.endsOnLabel') : t('subs.cancelledOn')}
              field="cancellationDate"
              value={date(s.cancellationDate)}
            />
          )}
          {s.cancellationReason && (
            <Fact label={t('subs.reason')} field="cancellationReason" value={reasonLabel(t, s.cancellationReason)} />
          )}
          {s.cancellationComment && (
            <Fact label={t('subs.comment')} field="cancellationComment" value={s.cancellationComment} />
          )}
        </dl>
      </section>

      <p ref={noticeRef} tabIndex={-1} role="status" className={notice ? 'state notice' : 'visually-hidden'}>
        {notice ? t(notice.key, notice.vars) : ''}
      </p>
      {failure && (
        <div className="state error" role="alert">
          <p>{t('subs.failed', { detail: failure })}</p>
        </div>
      )}
      {!screen.accountActive && <p className="warning">{t('subs.inactive')}</p>}

      {actions.length > 0 && (
        <div className="actions subscription-actions" role="group" aria-label={t('subs.actions')}>
          {actions.includes('change') && (
            <button
              type="button"
              aria-expanded={panel === 'change'}
              onClick={() => setPanel(panel === 'change' ? null : 'change')}
              data-action="change"
            >
              {t('subs.change')}
            </button>
          )}
          {actions.includes('pause') && (
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run({ action: 'pause' }, { key: 'subs.paused' })}
              data-action="pause"
            >
              {t('subs.pause')}
            </button>
          )}
          {actions.includes('resume') && (
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run({ action: 'resume' }, { key: 'subs.resumed' })}
              data-action="resume"
            >
              {t('subs.resume')}
            </button>
          )}
          {actions.includes('undoCancel') && (
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run({ action: 'undoCancel' }, { key: 'subs.undone' })}
              data-action="undoCancel"
            >
              {t('subs.undoCancel')}
            </button>
          )}
          {actions.includes('cancel') && (
            <button
              type="button"
              className="danger"
              aria-expanded={panel === 'cancel'}
              onClick={() => setPanel(panel === 'cancel' ? null : 'cancel')}
              data-action="cancel"
            >
              {t('subs.cancel')}
            </button>
          )}
        </div>
      )}

      {panel === 'change' && (
        <ChangeFlow
          accountId={accountId}
          subscription={s}
          plans={screen.plans}
          busy={busy === 'change'}
          onConfirm={(body) =>
            run(
              { action: 'change', body },
              body.when === 'now' ? { key: 'subs.changed' } : { key: 'subs.changeScheduled' },
            )
          }
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'cancel' && (
        <CancelForm
          subscription={s}
          reasons={screen.cancellationReasons}
          busy={busy === 'cancel'}
          onConfirm={(body) =>
            run(
              { action: 'cancel', body },
              body.when === 'now'
                ? { key: 'subs.cancelledNow' }
                : { key: 'subs.cancelScheduled', vars: { date: date(s.currentTermEnd) } },
            )
          }
          onClose={() => setPanel(null)}
        />
      )}
    </>
  );
}

function Fact({ label, field, value }: { label: string; field: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-field={field}>{value}</dd>
    </div>
  );
}

const REASONS = ['too_expensive', 'missing_features', 'switched_service', 'not_using', 'technical_issues', 'other'];

function reasonLabel(t: (key: MessageKey) => string, reason: string): string {
  return REASONS.includes(reason) ? t(`subs.reason.${reason}` as MessageKey) : reason;
}

/** A panel's first field takes the focus when it opens, so the keyboard is where the person works. */
function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

interface ChangeProps {
  accountId: string;
  subscription: Subscription;
  plans: Section<Plan[]>;
  busy: boolean;
  onConfirm: (body: ChangeBody) => Promise<boolean>;
  onClose: () => void;
}

function ChangeFlow({ accountId, subscription: s, plans, busy, onConfirm, onClose }: ChangeProps) {
  const { t, money, date } = useI18n();
  const ids = useId();
  const first = useFocusOnOpen<HTMLSelectElement & HTMLInputElement>();
  const [planCode, setPlanCode] = useState(s.planCode);
  const [quantity, setQuantity] = useState(String(s.quantity));
  const [when, setWhen] = useState<'now' | 'term_end'>('now');
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [quote, setQuote] = useState<{ body: ChangeBody; quote: Quote } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const previewAttempt = useRef<Attempt | null>(null);
  const choices = plans.status === 'ok' && plans.data ? plans.data : [];
  const hasCurrent = choices.some((p) => p.code === s.planCode);

  // anything edited after a preview needs a new preview before it can be confirmed
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setQuote(null);
      setProblem(null);
    };

  const previewChange = async (e: FormEvent) => {
    e.preventDefault();
    const request = changeRequest(s, { planCode, quantity, when });
    if ('problem' in request) {
      setProblem(request.problem);
      return;
    }
    setPreviewing(true);
    setFailure(null);
    previewAttempt.current = attemptFor(previewAttempt.current, request.body, newKey);
    try {
      setQuote({ body: request.body, quote: await preview(accountId, s.id, request.body, previewAttempt.current.key) });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setPreviewing(false);
    }
  };

  const currency = s.currency;
  const minor = (amount: number | string) => toMinor(amount, currency);
  const major = (m: number) => money(m / 10 ** fractionDigits(currency), currency);
  const totals = quote ? quoteTotals(quote.quote.lines, minor) : null;
  const problemId = `${ids}-problem`;
  return (
    <section className="card" aria-labelledby={`${ids}-title`} data-testid="change-flow">
      <h2 id={`${ids}-title`}>{t('subs.changeTitle')}</h2>
      <form className="stack narrow" onSubmit={(e) => void previewChange(e)} noValidate>
        {choices.length > 0 ? (
          <div className="field">
            <label htmlFor={`${ids}-plan`}>{t('subs.plan')}</label>
            <select id={`${ids}-plan`} ref={first} value={planCode} onChange={(e) => edit(setPlanCode)(e.target.value)}>
              {!hasCurrent && <option value={s.planCode}>{s.planName}</option>}
              {choices.map((p) => {
                const per = periodKey(p.billingPeriod);
                return (
                  <option key={p.code} value={p.code}>
                    {p.name} – {money(p.unitPrice, p.currency)}
                    {per ? ` ${t(per)}` : ''}
                  </option>
                );
              })}
            </select>
          </div>
        ) : (
          <p className="state unavailable">{t('subs.plansUnavailable')}</p>
        )}
        <div className="field">
          <label htmlFor={`${ids}-quantity`}>{t('subs.quantity')}</label>
          <input
            id={`${ids}-quantity`}
            ref={choices.length > 0 ? undefined : first}
            inputMode="numeric"
            value={quantity}
            onChange={(e) => edit(setQuantity)(e.target.value)}
            aria-invalid={problem === 'quantity' ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
          />
        </div>
        <fieldset>
          <legend>{t('subs.when')}</legend>
          {(['now', 'term_end'] as const).map((w) => (
            <div className="check" key={w}>
              <input
                type="radio"
                id={`${ids}-when-${w}`}
                name={`${ids}-when`}
                checked={when === w}
                onChange={() => edit(setWhen)(w)}
              />
              <label htmlFor={`${ids}-when-${w}`}>
                {w === 'now' ? t('subs.whenNow') : t('subs.whenTermEnd', { date: date(s.currentTermEnd) })}
              </label>
            </div>
          ))}
        </fieldset>
        {problem && (
          <p id={problemId} className="field-error" role="alert">
            {t(problem === 'quantity' ? 'subs.problem.quantity' : 'subs.problem.unchanged')}
          </p>
        )}
        {failure && (
          <div className="state error" role="alert">
            <p>{t('subs.failed', { detail: failure })}</p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className={quote ? undefined : 'primary'} disabled={previewing || busy}>
            {previewing ? t('subs.previewing') : t('subs.preview')}
          </button>
          <button type="button" onClick={onClose}>
            {t('subs.close')}
          </button>
        </div>
      </form>

      {quote && totals && (
        <section className="stack" aria-labelledby={`${ids}-preview`} data-testid="change-preview">
          <h3 id={`${ids}-preview`}>{t('subs.previewTitle')}</h3>
          {quote.quote.lines.length > 0 && (
            <table className="receipt-lines">
              <thead>
                <tr>
                  <th scope="col">{t('subs.line')}</th>
                  <th scope="col">{t('subs.period')}</th>
                  <th scope="col" className="num">
                    {t('payments.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {quote.quote.lines.map((l, n) => (
                  <tr key={n} data-kind={l.kind}>
                    <th scope="row">{l.description}</th>
                    <td>{`${date(l.from)} – ${date(l.to)}`}</td>
                    <td className="num">{money(l.amount, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <dl className="summary">
            <Fact label={t('subs.credit')} field="credit" value={major(totals.credit)} />
            <Fact label={t('subs.charge')} field="charge" value={major(totals.charge)} />
            <Fact label={t('subs.dueNow')} field="amountDueNow" value={money(quote.quote.amountDueNow, currency)} />
            <Fact
              label={t('subs.atNextRenewal', { date: date(quote.quote.nextRenewalDate) })}
              field="amountAtNextRenewal"
              value={money(quote.quote.amountAtNextRenewal, currency)}
            />
            <Fact label={t('subs.effective')} field="effectiveDate" value={date(quote.quote.effectiveDate)} />
          </dl>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void onConfirm(quote.body)}
              data-testid="confirm-change"
            >
              {busy ? t('subs.saving') : t(quote.body.when === 'now' ? 'subs.confirmNow' : 'subs.confirmTermEnd')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

interface CancelProps {
  subscription: Subscription;
  reasons: string[];
  busy: boolean;
  onConfirm: (body: CancelBody) => Promise<boolean>;
  onClose: () => void;
}

function CancelForm({ subscription: s, reasons, busy, onConfirm, onClose }: CancelProps) {
  const { t, date } = useI18n();
  const ids = useId();
  const timings = cancelTimings(s);
  const first = useFocusOnOpen<HTMLInputElement>();
  const [when, setWhen] = useState<'now' | 'term_end'>(timings.includes('term_end') ? 'term_end' : 'now');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setMissing(true);
      return;
    }
    const trimmed = comment.trim();
    void onConfirm(trimmed ? { when, reason, comment: trimmed } : { when, reason });
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`} data-testid="cancel-form">
      <h2 id={`${ids}-title`}>{t('subs.cancelTitle', { number: s.number })}</h2>
      <form className="stack narrow" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('subs.cancelWhen')}</legend>
          {timings.map((w, n) => (
            <div className="check" key={w}>
              <input
                type="radio"
                id={`${ids}-when-${w}`}
                name={`${ids}-when`}
                ref={n === 0 ? first : undefined}
                checked={when === w}
                onChange={() => setWhen(w)}
              />
              <label htmlFor={`${ids}-when-${w}`}>
                {w === 'now' ? t('subs.cancelNow') : t('subs.cancelAtTermEnd', { date: date(s.currentTermEnd) })}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('subs.reason')}</label>
          <select
            id={`${ids}-reason`}
            value={reason}
            required
            aria-invalid={missing && !reason ? true : undefined}
            aria-describedby={missing && !reason ? `${ids}-reason-problem` : undefined}
            onChange={(e) => setReason(e.target.value)}
          >
            <option value="">{t('subs.chooseReason')}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(t, r)}
              </option>
            ))}
          </select>
          {missing && !reason && (
            <span id={`${ids}-reason-problem`} className="field-error">
              {t('subs.problem.reason')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-comment`}>{t('subs.commentOptional')}</label>
          <textarea
            id={`${ids}-comment`}
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy} data-testid="confirm-cancel">
            {busy ? t('subs.saving') : t('subs.confirmCancel')}
          </button>
          <button type="button" onClick={onClose}>
            {t('subs.keep')}
          </button>
        </div>
      </form>
    </section>
  );
}
