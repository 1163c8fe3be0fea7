import { describe, expect, it } from 'vitest';
import { canImpersonate, usersPath } from '../api';
import { pageCount, readUserSearch, sortUsers, writeUserSearch } from './userSearch';

const ACME = 'a0000000-0000-4000-8000-000000000101';

describe('readUserSearch', () => {
  it('reads search, filters, order and page from the URL', () => {
    const s = readUserSearch(
      new URLSearchParams(`q=ali&type=customer&accountId=${ACME}&sort=email&direction=desc&page=2`),
    );
    expect(s).toEqual({ q: 'ali', type: 'customer', accountId: ACME, sort: 'email', direction: 'desc', page: 2 });
  });
  it('drops what the API would refuse: an unknown type, sort or account id, a negative page', () => {
    const s = readUserSearch(
      new URLSearchParams('type=root&sort=password&accountId=1;drop&page=-3&direction=sideways'),
    );
    expect(s).toEqual({ q: '', type: '', accountId: '', sort: 'name', direction: 'asc', page: 0 });
  });
  it('round-trips through the URL, leaving defaults out', () => {
    const s = readUserSearch(new URLSearchParams('q=bob&page=1'));
    expect(writeUserSearch(s)).toEqual({ q: 'bob', page: '1' });
    expect(readUserSearch(new URLSearchParams(writeUserSearch(s)))).toEqual(s);
  });
});

describe('sortUsers', () => {
  it('sorts by a new column ascending, flips the sorted one, and goes back to the first page', () => {
    const s = readUserSearch(new URLSearchParams('page=3'));
    expect(sortUsers(s, 'email')).toMatchObject({ sort: 'email', direction: 'asc', page: 0 });
    expect(sortUsers(s, 'name')).toMatchObject({ sort: 'name', direction: 'desc', page: 0 });
  });
});

describe('usersPath', () => {
  it('asks identity through the gateway with only the filters that are set', () => {
    expect(usersPath(readUserSearch(new URLSearchParams('q=al&type=customer')))).toBe(
      '/api/admin/users?q=al&type=customer&sort=name&direction=asc&size=25',
    );
  });
});

describe('pageCount', () => {
  it('counts whole pages and shows one page when there is nothing', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });
});

describe('canImpersonate', () => {
  const user = (type: string, enabled = true, id = 'u1') => ({ id, type, enabled });
  it('allows enabled customer contacts and account executives', () => {
    expect(canImpersonate(user('customer'), 'admin1')).toBe(true);
    expect(canImpersonate(user('account_executive'), 'admin1')).toBe(true);
  });
  it('never allows admins, success agents, disabled users or oneself', () => {
    expect(canImpersonate(user('admin'), 'admin1')).toBe(false);
    expect(canImpersonate(user('success_agent'), 'admin1')).toBe(false);
    expect(canImpersonate(user('customer', false), 'admin1')).toBe(false);
    expect(canImpersonate(user('customer', true, 'admin1'), 'admin1')).toBe(false);
  });
});
