import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Loading, NotFound, PageError, PageTitle } from '../ui/States';
import {
  attachmentUrl,
  changeCaseAccount,
  customerActions,
  nextStates,
  useCase,
  useCaseAction,
  type Activity,
  type CaseAction,
  type CaseDetail,
  type CasePermissions,
  type CaseState,
} from './api';
import { CaseStateBadge, PriorityBadge } from './badges';
import { UploadForm } from '../ui/UploadForm';
import { AccountPicker } from './AccountPicker';

const NUMBER = /^(CS[0-9]{7}|CS-[0-9]{6})$/;

export function CasePage() {
  const { accountId = '', caseNumber = '' } = useParams();
  if (!NUMBER.test(caseNumber)) return <NotFound />;
  return <CaseScreen accountId={accountId} number={caseNumber} />;
}

function CaseScreen({ accountId, number }: { accountId: string; number: string }) {
  const { t, date, dateTime } = useI18n();
  const screen = useCase(accountId, number);
  const action = useCaseAction(accountId, number);
  const [done, setDone] = useState('');
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} onRetry={() => void screen.refetch()} />;
  const { detail: c, permissions } = screen.data;
  const run = (a: CaseAction, message: string) =>
    action.mutateAsync(a).then(
      () => {
        setDone(message);
        return true;
      },
      () => {
        setDone('');
        return false;
      },
    );
  return (
    <>
      <p>
        <Link to={`/accounts/${accountId}/cases`}>{t('case.back')}</Link>
      </p>
      <PageTitle>{t('case.title', { number: c.number, subject: c.subject })}</PageTitle>
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts">{t('case.facts')}</h2>
        <dl className="facts">
          <dt>{t('cases.state')}</dt>
          <dd data-testid="case-state">
            <CaseStateBadge state={c.state} />
            {c.archivedAt && <span className="badge">{t('case.archived')}</span>}
          </dd>
          <dt>{t('cases.priority')}</dt>
          <dd>
            <PriorityBadge priority={c.priority} />
          </dd>
          <dt>{t('case.requester')}</dt>
          <dd>{c.requesterName ?? '–'}</dd>
          {c.openedById && c.openedById !== c.requesterId && (
            <>
              <dt>{t('case.openedBy')}</dt>
              <dd data-testid="case-opened-by">{c.openedByName ?? '–'}</dd>
            </>
          )}
          <dt>{t('case.assignee')}</dt>
          <dd>{c.assigneeName ?? t('case.unassigned')}</dd>
          <dt>{t('case.product')}</dt>
          <dd>{c.product || '–'}</dd>
          <dt>{t('case.opened')}</dt>
          <dd>{dateTime(c.createdAt)}</dd>
          <dt>{t('cases.updated')}</dt>
          <dd>{dateTime(c.updatedAt)}</dd>
          {c.archivedAt && (
            <>
              <dt>{t('case.archived')}</dt>
              <dd data-testid="case-archived">
                {t('case.archivedBy', { when: dateTime(c.archivedAt), who: c.archivedBy ?? '–' })}
              </dd>
            </>
          )}
          <dt>{t('case.due')}</dt>
          <dd>
            {date(c.dueDate)}
            {c.daysRemaining !== null && c.daysRemaining < 0 && (
              <span className="badge badge-overdue">{t('case.overdue')}</span>
            )}
          </dd>
        </dl>
        {c.shortDescription && <p className="case-short">{c.shortDescription}</p>}
        {c.description && <p className="case-description">{c.description}</p>}
      </section>
      <p role="status" className="sr-status">
        {done}
      </p>
      {action.isError && <ErrorMessage error={action.error} />}
      <Resolution c={c} permissions={permissions} run={run} busy={action.isPending} />
      {permissions.changeState && !c.archivedAt && <AgentState c={c} run={run} busy={action.isPending} />}
      {permissions.changeState && !c.archivedAt && c.state === 'closed' && (
        <div className="actions">
          <button
            type="button"
            disabled={action.isPending}
            onClick={() => void run({ kind: 'archive' }, t('case.archivedNow'))}
          >
            {t('case.archive')}
          </button>
        </div>
      )}
      {permissions.changeAccount && <MoveAccount accountId={accountId} number={c.number} />}
      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">{t('case.activity')}</h2>
        {c.activity.length === 0 ? (
          <p className="state empty">{t('case.noActivity')}</p>
        ) : (
          <ol className="activity" data-testid="activity">
            {c.activity.map((a) => (
              <ActivityItem key={a.id} a={a} accountId={accountId} number={c.number} />
            ))}
          </ol>
        )}
        {permissions.comment && !c.archivedAt && (
          <TextForm
            id="comment"
            label={t('case.comment')}
            submit={t('case.commentSend')}
            busy={action.isPending}
            onSubmit={(text) => run({ kind: 'comment', text }, t('case.commented'))}
          />
        )}
        {permissions.internalNote && !c.archivedAt && (
          <TextForm
            id="internal-note"
            label={t('case.internalNote')}
            hint={t('case.internalHint')}
            submit={t('case.internalSend')}
            busy={action.isPending}
            onSubmit={(text) => run({ kind: 'internal-note', text }, t('case.noted'))}
          />
        )}
        {permissions.comment && !c.archivedAt && (
          <UploadForm
            id="case-file"
            texts={{
              label: t('case.attach'),
              hint: t('case.attachHint'),
              submit: t('case.upload'),
              missing: t('case.chooseFile'),
              tooLarge: t('newCase.fileTooLarge'),
            }}
            busy={action.isPending}
            onSubmit={(file) => run({ kind: 'attach', file }, t('case.attached'))}
          />
        )}
      </section>
    </>
  );
}

function ActivityItem({ a, accountId, number }: { a: Activity; accountId: string; number: string }) {
  const { t, dateTime } = useI18n();
  const internal = a.kind === 'internal_note';
  return (
    <li className={internal ? 'activity-item internal' : 'activity-item'} data-kind={a.kind}>
      <p className="activity-meta">
        <strong>{a.actorName ?? t('case.someone')}</strong> · <time dateTime={a.at}>{dateTime(a.at)}</time>
        {internal && <span className="badge badge-internal">{t('case.internal')}</span>}
      </p>
      {a.kind === 'state_change' && (
        <p>
          {t('case.stateChanged', {
            from: a.fromState ? t(`caseState.${a.fromState}`) : '–',
            to: a.toState ? t(`caseState.${a.toState}`) : '–',
          })}
          {a.text ? `: ${a.text}` : ''}
        </p>
      )}
      {a.kind === 'attachment' && a.attachmentId && (
        <p>
          {t('case.attachment')}{' '}
          <a href={attachmentUrl(accountId, number, a.attachmentId)} download={a.fileName ?? true}>
            {t('case.download', { name: a.fileName ?? a.attachmentId })}
          </a>
        </p>
      )}
      {(a.kind === 'comment' || a.kind === 'internal_note' || a.kind === 'opened') && (
        <p className="activity-text">{a.text}</p>
      )}
      {a.kind === 'account_change' && (
        <p>
          {t('case.accountChanged', { from: a.fromAccountId ?? '–', to: a.toAccountId ?? '–' })}
          {a.text ? `: ${a.text}` : ''}
        </p>
      )}
    </li>
  );
}

type Run = (a: CaseAction, message: string) => Promise<boolean>;

/** A customer's answer to a resolution (accept, or reject with a reason), and reopening a closed case. */
function Resolution({
  c,
  permissions,
  run,
  busy,
}: {
  c: CaseDetail;
  permissions: CasePermissions;
  run: Run;
  busy: boolean;
}) {
  const { t } = useI18n();
  const allowed = customerActions(c.state, Boolean(c.archivedAt));
  if (!permissions.respond || (!allowed.respond && !allowed.reopen)) return null;
  return (
    <section className="card" aria-labelledby="respond-title">
      <h2 id="respond-title">{allowed.respond ? t('case.resolution') : t('case.reopenTitle')}</h2>
      {allowed.respond && (
        <>
          <p>{t('case.resolutionText')}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void run({ kind: 'accept' }, t('case.accepted'))}
            >
              {t('case.accept')}
            </button>
          </div>
          <TextForm
            id="reject"
            label={t('case.rejectReason')}
            submit={t('case.reject')}
            busy={busy}
            onSubmit={(reason) => run({ kind: 'reject', reason }, t('case.rejected'))}
          />
        </>
      )}
      {allowed.reopen && (
        <TextForm
          id="reopen"
          label={t('case.reopenReason')}
          submit={t('case.reopen')}
          busy={busy}
          onSubmit={(reason) => run({ kind: 'reopen', reason }, t('case.reopened'))}
        />
      )}
    </section>
  );
}

function AgentState({ c, run, busy }: { c: CaseDetail; run: Run; busy: boolean }) {
  const { t } = useI18n();
  const ids = useId();
  const options = nextStates(c.state);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const state = String(form.get('state')) as CaseState;
    const reason = String(form.get('reason') ?? '').trim();
    void run({ kind: 'state', state, reason: reason || undefined }, t('case.stateSaved'));
  };
  return (
    <section className="card" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('case.agentTitle')}</h2>
      <form className="stack narrow" onSubmit={submit} key={c.state}>
        <div className="field">
          <label htmlFor={`${ids}-state`}>{t('case.newState')}</label>
          <select id={`${ids}-state`} name="state" defaultValue={options[0]}>
            {options.map((s) => (
              <option key={s} value={s}>
                {t(`caseState.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('case.stateReason')}</label>
          <input id={`${ids}-reason`} name="reason" maxLength={2000} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('case.changeState')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Agents move a case logged under the wrong account (a reason is required); the case then opens under its new account. */
function MoveAccount({ accountId, number }: { accountId: string; number: string }) {
  const { t } = useI18n();
  const ids = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [problem, setProblem] = useState<'account' | 'reason' | null>(null);
  const move = useMutation({
    mutationFn: (v: { to: string; reason: string }) => changeCaseAccount(accountId, number, v.to, v.reason),
    onSuccess: async (moved) => {
      await client.invalidateQueries({ queryKey: ['account'] });
      void navigate(`/accounts/${moved.accountId}/cases/${moved.number}`);
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const to = String(form.get('to') ?? '').trim();
    const reason = String(form.get('reason') ?? '').trim();
    if (!to) return setProblem('account');
    if (!reason) return setProblem('reason');
    setProblem(null);
    move.mutate({ to, reason });
  };
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.moveTitle')}</h2>
      <form className="stack narrow" onSubmit={submit} noValidate>
        <AccountPicker currentAccountId={accountId} invalid={problem === 'account'} errorId={`${ids}-to-error`} />
        {problem === 'account' && (
          <p id={`${ids}-to-error`} className="field-error">
            {t('case.moveToInvalid')}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('case.moveReason')}</label>
          <input
            id={`${ids}-reason`}
            name="reason"
            maxLength={2000}
            aria-invalid={problem === 'reason' || undefined}
            aria-describedby={problem === 'reason' ? `${ids}-reason-error` : undefined}
          />
          {problem === 'reason' && (
            <p id={`${ids}-reason-error`} className="field-error">
              {t('case.required')}
            </p>
          )}
        </div>
        {move.isError && <ErrorMessage error={move.error} />}
        <div className="actions">
          <button type="submit" disabled={move.isPending}>
            {t('case.move')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TextForm({
  id,
  label,
  hint,
  submit,
  busy,
  onSubmit,
}: {
  id: string;
  label: string;
  hint?: string;
  submit: string;
  busy: boolean;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    void onSubmit(text.trim()).then((ok) => ok && setText(''));
  };
  return (
    <form className={`stack text-form ${id === 'internal-note' ? 'internal' : ''}`} onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{label}</label>
        {hint && (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        )}
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={id === 'reject' || id === 'reopen' ? 2000 : 20000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={missing || undefined}
          aria-describedby={
            [hint ? `${id}-hint` : '', missing ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
          }
        />
        {missing && (
          <p id={`${id}-error`} className="field-error">
            {t('case.required')}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
      </div>
    </form>
  );
}
