import type { Manager } from '../api';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'KWD'];

export interface AccountFields {
  name: string;
  number: string;
  currency: string;
}

export type AccountProblem = 'required' | 'nameTaken' | 'number' | 'tooLong';

/** As billing checks an account (number A-nnnnnn, a name), plus a unique name among the accounts listed. */
export function accountProblems(
  v: AccountFields,
  others: { accountId: string; name: string }[],
  selfId: string | null,
): Partial<Record<keyof AccountFields, AccountProblem>> {
  const p: Partial<Record<keyof AccountFields, AccountProblem>> = {};
  const name = v.name.trim();
  if (!name) p.name = 'required';
  else if (name.length > 200) p.name = 'tooLong';
  else if (others.some((o) => o.accountId !== selfId && o.name.trim().toLowerCase() === name.toLowerCase()))
    p.name = 'nameTaken';
  if (!v.number.trim()) p.number = 'required';
  else if (!/^A-[0-9]{6}$/.test(v.number.trim())) p.number = 'number';
  if (!v.currency) p.currency = 'required';
  return p;
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
