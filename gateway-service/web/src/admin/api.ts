// The admin console's calls: identity-service's admin API through the gateway (/api/admin/**) and the
// gateway's own Login as Customer endpoints. One place, so a screen only names what it needs.
import { useQuery } from '@tanstack/react-query';
import { get, query, request } from '../api/client';
import type { AccountFieldType, AccountFieldValue, CustomerAccountRow, Page } from '../api/types';
import type { Area, Grant } from '../lib/permissions';

export type UserType = 'customer' | 'account_executive' | 'success_agent' | 'admin';
export const USER_TYPES: UserType[] = ['customer', 'account_executive', 'success_agent', 'admin'];

export interface UserRow {
  id: string;
  username: string;
  name: string | null;
  email: string | null;
  type: UserType | string;
  enabled: boolean;
  profile: string | null;
  accountIds: string[];
}

export interface UserPage {
  items: UserRow[];
  total: number;
  page: number;
  size: number;
}

export interface Manager {
  id: string;
  name: string;
  employeeId: string;
  primaryEmail: string;
  phone: string | null;
  mobile: string | null;
  loginName: string;
  accountIds: string[];
}

export interface Profile {
  id: string;
  name: string;
  description: string | null;
  defaultFor: string | null;
  builtin: boolean;
  grants: Partial<Record<Area, Grant>>;
}

export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  userId: string;
  username: string | null;
  actingAdmin: string | null;
  accountIds: string[];
  sessionId: string | null;
  detail: string | null;
  sourceAddress: string | null;
}

export interface ImpersonationSession {
  id: string;
  adminId: string;
  adminUsername: string | null;
  userId: string;
  username: string | null;
  reason: string;
  sourceAddress: string | null;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endedHow: string | null;
  endedBy: string | null;
}

/** The gateway's answer for the banner. */
export interface ImpersonationState {
  active: boolean;
  id: string | null;
  user: { id: string; username: string; name: string | null; accountName: string | null } | null;
  startedAt: string | null;
  expiresAt: string | null;
}

export const adminKeys = {
  users: ['admin', 'users'] as const,
  managers: ['admin', 'account-managers'] as const,
  profiles: ['admin', 'profiles'] as const,
  audit: ['admin', 'audit'] as const,
  impersonations: ['admin', 'impersonations'] as const,
};

export interface UserSearch {
  q: string;
  type: string;
  accountId: string;
  sort: 'name' | 'email' | 'username' | 'type';
  direction: 'asc' | 'desc';
  page: number;
}

export const PAGE_SIZE = 25;

export function usersPath(s: UserSearch): string {
  return `/api/admin/users${query({ ...s, page: s.page || null, size: PAGE_SIZE })}`;
}

export function useUsers(s: UserSearch) {
  return useQuery({
    queryKey: [...adminKeys.users, s],
    queryFn: ({ signal }) => get<UserPage>(usersPath(s), signal),
    placeholderData: (previous) => previous,
  });
}

/** Every account by name, for the filters and drop-downs (admins see all accounts in Customer Accounts). */
export function useAccountNames() {
  return useQuery({
    queryKey: ['admin', 'account-names'],
    queryFn: async ({ signal }) => {
      const rows: CustomerAccountRow[] = [];
      let after: string | null = null;
      // a few pages at most in a portal of this size; stop at 10 to bound the work
      for (let i = 0; i < 10; i++) {
        const page: Page<CustomerAccountRow> = await get(
          `/api/customer-accounts${query({ sort: 'name', limit: 100, after })}`,
          signal,
        );
        rows.push(...page.items);
        after = page.next;
        if (!after) break;
      }
      return rows;
    },
    staleTime: 5 * 60_000,
  });
}

export function useManagers() {
  return useQuery({
    queryKey: adminKeys.managers,
    queryFn: ({ signal }) => get<Manager[]>('/api/admin/account-managers', signal),
  });
}

export function useProfiles() {
  return useQuery({
    queryKey: adminKeys.profiles,
    queryFn: ({ signal }) => get<Profile[]>('/api/admin/profiles', signal),
  });
}

export const IMPERSONATION_KEY = ['impersonation'] as const;

export function useImpersonation() {
  return useQuery({
    queryKey: IMPERSONATION_KEY,
    queryFn: ({ signal }) => get<ImpersonationState>('/api/impersonation', signal),
    // expiry or another admin's End returns the session to the admin by itself: notice it
    refetchInterval: (q) => (q.state.data?.active ? 30_000 : false),
    staleTime: 10_000,
  });
}

export async function startImpersonation(userId: string, reason: string): Promise<ImpersonationState> {
  return (await request<ImpersonationState>('POST', '/api/impersonation', { body: { userId, reason } })).body;
}

export async function exitImpersonation(): Promise<string> {
  const answer = await request<{ redirectTo?: string }>('POST', '/api/impersonation/exit');
  return answer.body?.redirectTo || '/admin/users';
}

/** Who may be logged in as: enabled customer contacts and account executives, never admins, agents or oneself. */
export function canImpersonate(user: Pick<UserRow, 'id' | 'type' | 'enabled'>, selfId: string | undefined): boolean {
  return user.enabled && user.id !== selfId && (user.type === 'customer' || user.type === 'account_executive');
}

/** An admin-defined account field (billing's /admin/account-fields, through the gateway). */
export interface AccountFieldDefinition {
  id: string;
  name: string;
  label: string;
  type: AccountFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export const accountFieldKeys = {
  definitions: ['admin', 'account-fields'] as const,
  values: (accountId: string) => ['admin', 'account-fields', accountId] as const,
};

export function useAccountFieldDefinitions() {
  return useQuery({
    queryKey: accountFieldKeys.definitions,
    queryFn: ({ signal }) => get<AccountFieldDefinition[]>('/api/admin/account-fields', signal),
  });
}

/** One account's values (none for an account not saved yet). */
export function useAccountFieldValues(accountId: string | undefined) {
  return useQuery({
    queryKey: accountFieldKeys.values(accountId ?? 'new'),
    queryFn: ({ signal }) => get<AccountFieldValue[]>(`/api/admin/accounts/${accountId}/fields`, signal),
    enabled: Boolean(accountId),
  });
}
