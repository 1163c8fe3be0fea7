import { describe, expect, it } from 'vitest';
import { settingsProblems, toForm, toRequest } from './settingsForm';

const defaults = {
  allowManagersToCreateRequests: false,
  caseSource: 'builtin' as const,
  caseReopenWindowDays: 14,
  caseArchiveAfterDays: 30,
};

describe('settingsProblems', () => {
  it('accepts the defaults and the limits themselves', () => {
    expect(settingsProblems(toForm(defaults))).toEqual({});
    expect(settingsProblems({ ...toForm(defaults), caseReopenWindowDays: '365', caseArchiveAfterDays: '1' })).toEqual(
      {},
    );
  });
  it('refuses numbers outside 1..365 and 1..3650, fractions, words, and an unknown case source', () => {
    expect(
      settingsProblems({
        allowManagersToCreateRequests: true,
        caseSource: 'jira',
        caseReopenWindowDays: '0',
        caseArchiveAfterDays: '3651',
      }),
    ).toEqual({ caseSource: 'source', caseReopenWindowDays: 'range', caseArchiveAfterDays: 'range' });
    expect(
      settingsProblems({ ...toForm(defaults), caseReopenWindowDays: '7.5', caseArchiveAfterDays: 'soon' }),
    ).toEqual({ caseReopenWindowDays: 'wholeNumber', caseArchiveAfterDays: 'wholeNumber' });
  });
});

describe('toRequest', () => {
  it('sends every setting with numbers as numbers', () => {
    expect(toRequest({ ...toForm(defaults), caseSource: 'servicenow', caseReopenWindowDays: ' 7 ' })).toEqual({
      ...defaults,
      caseSource: 'servicenow',
      caseReopenWindowDays: 7,
    });
  });
});
