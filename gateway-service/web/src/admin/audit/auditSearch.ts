import { query } from '../../api/client';

export const AUDIT_ACTIONS = ['impersonation.started', 'impersonation.ended', 'settings.changed'] as const;

export interface AuditSearch {
  who: string;
  actingAdmin: string;
  accountId: string;
  action: string;
  /** datetime-local values (the admin's own time zone), as the form holds them */
  from: string;
  to: string;
}

export function readAuditSearch(params: URLSearchParams): AuditSearch {
  const local = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? v : '');
  return {
    who: (params.get('who') ?? '').slice(0, 100),
    actingAdmin: (params.get('actingAdmin') ?? '').slice(0, 100),
    accountId: /^[0-9a-f-]{36}$/i.test(params.get('accountId') ?? '') ? (params.get('accountId') as string) : '',
    action: AUDIT_ACTIONS.find((a) => a === params.get('action')) ?? '',
    from: local(params.get('from')),
    to: local(params.get('to')),
  };
}

/** A datetime-local value read in the browser's time zone, as the instant identity-service expects. */
export function toInstant(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** "From" must be before "to" (identity refuses it otherwise); null when fine. */
export function rangeProblem(s: AuditSearch): 'range' | null {
  const from = toInstant(s.from);
  const to = toInstant(s.to);
  return from && to && from >= to ? 'range' : null;
}

export function auditPath(s: AuditSearch, limit = 200): string {
  return `/api/admin/audit${query({
    who: s.who.trim(),
    actingAdmin: s.actingAdmin,
    accountId: s.accountId,
    action: s.action,
    from: toInstant(s.from),
    to: toInstant(s.to),
    limit,
  })}`;
}
