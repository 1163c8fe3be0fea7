// My Cases' pure rules: list state in the URL, the new-case form's checks, what each state offers.
import { describe, expect, it } from 'vitest';
import { customerActions, nextStates, CASE_STATES } from './api';
import { readCaseListState } from './CasesPage';
import { caseFormProblems, EMPTY_CASE, MAX_ATTACHMENT_BYTES } from './NewCasePage';
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
