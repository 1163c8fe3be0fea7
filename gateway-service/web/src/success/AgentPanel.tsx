import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../api/hooks';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/States';
import {
  changeRecord,
  checkedContacts,
  recordKey,
  useAgents,
  useKnowledgeArticles,
  type Kind,
  type SuccessDetail,
} from './api';
import { ContactPicker } from './ContactPicker';
import { stateKey } from './labels';

type Run = (work: () => Promise<SuccessDetail>, done: string) => Promise<boolean>;

/** The agents' work on a record: state, visibility, assignee, articles, internal notes. */
export function AgentPanel({ accountId, kind, detail }: { accountId: string; kind: Kind; detail: SuccessDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run: Run = async (work, done) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      await work();
      await client.invalidateQueries({ queryKey: recordKey(accountId, kind, detail.number) });
      await client.invalidateQueries({ queryKey: ['account', accountId, 'success'] });
      setMessage(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const change = (method: 'POST' | 'PUT', action: Parameters<typeof changeRecord>[4], body: unknown) => () =>
    changeRecord(accountId, kind, detail.number, method, action, body);
  const onState = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void run(
      change('POST', 'state', { state: form.get('state'), reason: form.get('reason') || null }),
      t('success.stateSaved'),
    );
  };
  const onVisibility = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void run(
      change('PUT', 'visibility', {
        visibleToCustomer: form.get('visible') === 'on',
        contactIds: checkedContacts(form),
      }),
      t('success.visibilitySaved'),
    );
  };
  const onNote = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const text = String(new FormData(formEl).get('note') ?? '').trim();
    if (!text) return;
    void run(change('POST', 'internal-notes', { text }), t('success.noteSaved')).then((ok) => ok && formEl.reset());
  };
  return (
    <section className="card" aria-labelledby={`${ids}-work`}>
      <h2 id={`${ids}-work`}>{t('success.work')}</h2>
      <p className="actions">
        <Link className="button" to={`/accounts/${accountId}/success/${kind}/${detail.number}/edit`}>
          {t('success.edit')}
        </Link>
        <Link className="button" to={`/accounts/${accountId}/knowledge`}>
          {t('knowledge.title')}
        </Link>
      </p>
      {message && (
        <p className="state ok" role="status">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <form onSubmit={onState} className="stack">
        <label htmlFor={`${ids}-state`}>{t('success.newState')}</label>
        <select id={`${ids}-state`} name="state" defaultValue={detail.state}>
          {detail.states.map((s) => (
            <option key={s} value={s}>
              {t(stateKey(s))}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-reason`}>{t('success.reason')}</label>
        <input id={`${ids}-reason`} name="reason" maxLength={2000} />
        <button type="submit" disabled={busy}>
          {t('success.changeState')}
        </button>
      </form>
      <form
        onSubmit={onVisibility}
        className="stack"
        key={`${detail.visibleToCustomer}|${detail.contactIds.join(',')}`}
      >
        <label>
          <input type="checkbox" name="visible" defaultChecked={detail.visibleToCustomer} />{' '}
          {t('success.visibleToCustomer')}
        </label>
        <ContactPicker accountId={accountId} selected={detail.contactIds} />
        <button type="submit" disabled={busy}>
          {t('success.saveVisibility')}
        </button>
      </form>
      <AssignForm detail={detail} busy={busy} run={run} change={change} />
      <ShareForm busy={busy} run={run} change={change} />
      <form onSubmit={onNote} className="stack">
        <label htmlFor={`${ids}-note`}>{t('success.internalNote')}</label>
        <textarea id={`${ids}-note`} name="note" rows={3} maxLength={20000} />
        <button type="submit" disabled={busy}>
          {t('success.addNote')}
        </button>
      </form>
    </section>
  );
}

type Change = (method: 'POST' | 'PUT', action: 'assignee' | 'articles', body: unknown) => () => Promise<SuccessDetail>;

/** Hand the record to an agent picked by name, or take it. */
function AssignForm({ detail, busy, run, change }: { detail: SuccessDetail; busy: boolean; run: Run; change: Change }) {
  const { t } = useI18n();
  const ids = useId();
  const me = useMe();
  const agents = useAgents();
  const assign = (id: string, name: string, done: string) =>
    void run(change('PUT', 'assignee', { assigneeId: id, assigneeName: name }), done);
  const onAssign = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const id = String(new FormData(e.currentTarget).get('agent') ?? '');
    const agent = agents.data?.find((a) => a.id === id);
    if (agent) assign(agent.id, agent.name, t('success.assignedTo', { name: agent.name }));
  };
  const assignToMe = () => {
    const person = me.data;
    if (person) assign(person.userId, person.name || person.username, t('success.assigned'));
  };
  return (
    <div className="stack">
      {agents.isError && <ErrorMessage error={agents.error} onRetry={() => void agents.refetch()} />}
      {agents.data && agents.data.length > 0 && (
        <form onSubmit={onAssign} className="stack" key={detail.assigneeId ?? ''}>
          <label htmlFor={`${ids}-agent`}>{t('success.assignTo')}</label>
          <select id={`${ids}-agent`} name="agent" defaultValue={detail.assigneeId ?? ''} required>
            <option value="">{t('success.chooseAgent')}</option>
            {agents.data.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy}>
            {t('success.assign')}
          </button>
        </form>
      )}
      <p>
        <button type="button" onClick={assignToMe} disabled={busy || !me.data}>
          {t('success.assignToMe')}
        </button>
      </p>
    </div>
  );
}

/** Share one of the knowledge articles on the record. */
function ShareForm({ busy, run, change }: { busy: boolean; run: Run; change: Change }) {
  const { t } = useI18n();
  const ids = useId();
  const articles = useKnowledgeArticles();
  const onShare = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const articleId = String(new FormData(e.currentTarget).get('article') ?? '');
    if (articleId) void run(change('POST', 'articles', { articleId }), t('success.shared'));
  };
  if (!articles.data || articles.data.length === 0) return null;
  return (
    <form onSubmit={onShare} className="stack">
      <label htmlFor={`${ids}-article`}>{t('success.shareArticle')}</label>
      <select id={`${ids}-article`} name="article" defaultValue="">
        <option value="">{t('success.chooseArticle')}</option>
        {articles.data.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
            {a.published ? '' : ` (${t('success.draft')})`}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy}>
        {t('success.share')}
      </button>
    </form>
  );
}
