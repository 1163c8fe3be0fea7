// My Cases' pure rules: list state in the URL, the new-case form's checks, what each state offers.
import { describe, expect, it } from 'vitest';
import { accountLabel, customerActions, isManager, nextStates, seesSeveralAccounts, CASE_STATES } from './api';
import { readCaseListState, readCaseScope, scopeSearch } from './CasesPage';
import { caseFormProblems, EMPTY_CASE, MAX_ATTACHMENT_BYTES } from './NewCasePage';
import { pickableAccounts } from './AccountPicker';
import { fileProblem } from '../ui/UploadForm';
import type { CustomerAccountRow } from '../api/types';
import { de, en } from '../i18n/messages';

describe('readCaseListState', () => {
  it('defaults to open cases and keeps a known filter', () => {
    expect(readCaseListState(new URLSearchParams(''))).toEqual({ q: '', filter: 'open' });
    expect(readCaseListState(new URLSearchParams('q=CS0001234&filter=archived'))).toEqual({
      q: 'CS0001234',
      filter: 'archived',
    });
  });
  it('ignores an unknown filter and cuts a long search to 100 characters', () => {
    const state = readCaseListState(new URLSearchParams(`filter=mine&q=${'x'.repeat(150)}`));
    expect(state.filter).toBe('open');
    expect(state.q).toHaveLength(100);
  });
});

describe('My Cases across accounts', () => {
  const one = { allAccounts: false, accounts: [{ accountId: 'a1', accountNumber: 'A-1', name: 'Acme' }] };
  const two = {
    allAccounts: false,
    accounts: [...one.accounts, { accountId: 'a2', accountNumber: 'A-2', name: 'Globex' }],
  };
  it('offers the switch to managers of several accounts and agents, not to a customer of one account', () => {
    expect(seesSeveralAccounts(two)).toBe(true);
    expect(seesSeveralAccounts({ allAccounts: true, accounts: [] })).toBe(true);
    expect(seesSeveralAccounts(one)).toBe(false);
    expect(seesSeveralAccounts(undefined)).toBe(false);
  });
  it('shows all accounts only when asked and allowed', () => {
    expect(readCaseScope(new URLSearchParams('scope=all'), true)).toBe('all');
    expect(readCaseScope(new URLSearchParams('scope=all'), false)).toBe('account');
    expect(readCaseScope(new URLSearchParams('scope=everything'), true)).toBe('account');
    expect(readCaseScope(new URLSearchParams(''), true)).toBe('account');
  });
  it('keeps search and filter when switching', () => {
    const params = new URLSearchParams('q=VAT&filter=closed');
    expect(scopeSearch(params, 'all')).toBe('?q=VAT&filter=closed&scope=all');
    expect(scopeSearch(new URLSearchParams('q=VAT&scope=all'), 'account')).toBe('?q=VAT');
    expect(scopeSearch(new URLSearchParams('scope=all'), 'account')).toBe('');
  });
  it("names a row's account by name and number, else what is known", () => {
    expect(accountLabel({ accountId: 'a1', accountName: 'Acme', accountNumber: 'A-1' })).toBe('Acme (A-1)');
    expect(accountLabel({ accountId: 'a1', accountName: null, accountNumber: 'A-1' })).toBe('A-1');
    expect(accountLabel({ accountId: 'a1', accountName: null, accountNumber: null })).toBe('a1');
  });
  it('names the switch in both languages', () => {
    for (const key of ['cases.scope', 'cases.scope.account', 'cases.scope.all', 'cases.account'] as const) {
      expect(en[key]).toBeTruthy();
      expect(de[key]).not.toBe(en[key]);
    }
  });
});

describe('caseFormProblems', () => {
  it('asks for subject and short description', () => {
    expect(caseFormProblems(EMPTY_CASE, null)).toEqual({ subject: 'case.required', shortDescription: 'case.required' });
    expect(caseFormProblems({ ...EMPTY_CASE, subject: 'Printer', shortDescription: 'Smoke' }, null)).toEqual({});
  });
  it('refuses over-long fields and a file above 5 MB', () => {
    const big = { size: MAX_ATTACHMENT_BYTES + 1 } as File;
    expect(
      caseFormProblems(
        { ...EMPTY_CASE, subject: 's'.repeat(301), shortDescription: 'x', product: 'p'.repeat(101) },
        big,
      ),
    ).toEqual({ subject: 'newCase.tooLong', product: 'newCase.tooLong', file: 'newCase.fileTooLarge' });
  });
});

describe('case states', () => {
  it('offers customers accept/reject only when resolved and reopen only when closed, nothing when archived', () => {
    expect(customerActions('resolved', false)).toEqual({ respond: true, reopen: false });
    expect(customerActions('closed', false)).toEqual({ respond: false, reopen: true });
    expect(customerActions('in_progress', false)).toEqual({ respond: false, reopen: false });
    expect(customerActions('closed', true)).toEqual({ respond: false, reopen: false });
  });
  it("follows case-service's table for agents and never offers the current state", () => {
    expect(nextStates('resolved')).toEqual(['in_progress', 'closed']);
    expect(nextStates('closed')).toEqual(['in_progress']);
    for (const s of CASE_STATES) expect(nextStates(s)).not.toContain(s);
  });
  it('names every state and priority in both languages', () => {
    for (const s of CASE_STATES) {
      expect(en[`caseState.${s}`]).toBeTruthy();
      expect(de[`caseState.${s}`]).not.toBe(en[`caseState.${s}`]);
    }
  });
});

describe('account managers', () => {
  it('are account executives who are not agents or admins', () => {
    expect(isManager(['account_executive'])).toBe(true);
    expect(isManager(['customer'])).toBe(false);
    expect(isManager(['account_executive', 'admin'])).toBe(false);
  });

  it('must name the contact they open a request for', () => {
    const form = { ...EMPTY_CASE, subject: 'S', shortDescription: 'D' };
    expect(caseFormProblems(form, null, true).onBehalfOf).toBe('case.required');
    expect(caseFormProblems({ ...form, onBehalfOf: 'u1' }, null, true).onBehalfOf).toBeUndefined();
    expect(caseFormProblems(form, null).onBehalfOf).toBeUndefined();
  });
});

describe('pickableAccounts', () => {
  it('offers the matching accounts but not the one the case is under', () => {
    const row = (accountId: string, name: string) =>
      ({ accountId, name, accountNumber: accountId }) as CustomerAccountRow;
    expect(pickableAccounts([row('a1', 'Acme'), row('a2', 'Acme Labs')], 'a1').map((r) => r.name)).toEqual([
      'Acme Labs',
    ]);
  });
});

describe('fileProblem', () => {
  it('wants a file no larger than case-service takes', () => {
    expect(fileProblem(null)).toBe('missing');
    expect(fileProblem({ size: MAX_ATTACHMENT_BYTES + 1 } as File)).toBe('tooLarge');
    expect(fileProblem({ size: MAX_ATTACHMENT_BYTES } as File)).toBeNull();
  });
});
