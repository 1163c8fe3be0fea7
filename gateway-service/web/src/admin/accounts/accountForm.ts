import { Problem } from '../../api/client';
import type { Manager } from '../api';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'KWD'];

export interface AccountFields {
  name: string;
  number: string;
  currency: string;
}

export type AccountProblem = 'required' | 'nameTaken' | 'numberTaken' | 'number' | 'tooLong';

/** A name as billing compares names: letter case, surrounding spaces and runs of spaces do not count. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * As billing checks an account (number A-nnnnnn, a name), plus a unique name among the accounts listed: a quick
 * hint only, the list may be incomplete or behind; billing refuses a taken name itself (see saveProblemPlace).
 */
export function accountProblems(
  v: AccountFields,
  others: { accountId: string; name: string }[],
  selfId: string | null,
): Partial<Record<keyof AccountFields, AccountProblem>> {
  const p: Partial<Record<keyof AccountFields, AccountProblem>> = {};
  const name = v.name.trim();
  if (!name) p.name = 'required';
  else if (name.length > 200) p.name = 'tooLong';
  else if (others.some((o) => o.accountId !== selfId && nameKey(o.name) === nameKey(name))) p.name = 'nameTaken';
  if (!v.number.trim()) p.number = 'required';
  else if (!/^A-[0-9]{6}$/.test(v.number.trim())) p.number = 'number';
  if (!v.currency) p.currency = 'required';
  return p;
}

/** Where the form shows billing's refusal of a save. */
export type SaveProblemPlace =
  | { at: 'field'; field: keyof AccountFields; problem?: AccountProblem; message: string }
  | { at: 'accountField'; name: string; message: string }
  | { at: 'form' };

const FORM_FIELDS: readonly (keyof AccountFields)[] = ['name', 'number', 'currency'];

/**
 * A taken name or number at its input (in the user's language), another refusal naming one of the form's
 * inputs or an admin-defined field (`fields.<name>`) at that input with billing's words, anything else above
 * the buttons.
 */
export function saveProblemPlace(err: unknown, accountFieldNames: readonly string[]): SaveProblemPlace {
  if (!(err instanceof Problem)) return { at: 'form' };
  if (err.slug === 'account-name-taken')
    return { at: 'field', field: 'name', problem: 'nameTaken', message: err.message };
  if (err.slug === 'duplicate-account-number')
    return { at: 'field', field: 'number', problem: 'numberTaken', message: err.message };
  const field = err.field ?? '';
  const own = FORM_FIELDS.find((f) => f === field);
  if (own) return { at: 'field', field: own, message: err.message };
  const name = field.startsWith('fields.') ? field.slice('fields.'.length) : null;
  if (name && accountFieldNames.includes(name)) return { at: 'accountField', name, message: err.message };
  return { at: 'form' };
}

export function managerOf(managers: Manager[], accountId: string): Manager | undefined {
  return managers.find((m) => m.accountIds.includes(accountId));
}

/**
 * The calls that give an account a new manager (or none): identity sets a manager's whole list of
 * accounts, so the new manager's list gains the account and the old manager's loses it.
 */
export function managerChanges(
  managers: Manager[],
  accountId: string,
  newManagerId: string,
): { managerId: string; accountIds: string[] }[] {
  const current = managerOf(managers, accountId);
  if ((current?.id ?? '') === newManagerId) return [];
  const calls: { managerId: string; accountIds: string[] }[] = [];
  const next = managers.find((m) => m.id === newManagerId);
  if (next) calls.push({ managerId: next.id, accountIds: [...next.accountIds, accountId] });
  else if (current)
    calls.push({ managerId: current.id, accountIds: current.accountIds.filter((a) => a !== accountId) });
  return calls;
}
