import { describe, expect, it } from 'vitest';
import { checkedContacts, contactChoices, listUrl, readListState } from './api';
import { articleProblems } from './ArticleEditorPage';

describe('readListState', () => {
  it('reads a linked list from the URL', () => {
    const s = readListState('cases', new URLSearchParams('list=my&state=on_hold&sort=dueDate&direction=asc&offset=40'));
    expect(s).toEqual({ list: 'my', state: 'on_hold', sort: 'dueDate', direction: 'asc', offset: 40 });
  });
  it('falls back to All, any state, newest number first for what it does not know', () => {
    const s = readListState('touchpoints', new URLSearchParams('list=x&state=on_hold&sort=$where&offset=-5'));
    expect(s).toEqual({ list: 'all', state: null, sort: 'number', direction: 'desc', offset: 0 });
  });
  it('asks the BFF for exactly the chosen list', () => {
    const s = readListState('initiatives', new URLSearchParams('list=my&state=active'));
    expect(listUrl('a1', 'initiatives', s)).toBe(
      '/api/accounts/a1/success/initiatives?list=my&state=active&sort=number&direction=desc&limit=20',
    );
  });
});

describe('contactChoices', () => {
  it('lists the contacts by name and keeps an id on the record that is no longer a contact', () => {
    const contacts = [
      { id: 'c1', name: 'Carol' },
      { id: 'c2', name: 'Dan' },
    ];
    expect(contactChoices(contacts, ['c2', 'gone'])).toEqual([...contacts, { id: 'gone', name: 'gone' }]);
    expect(contactChoices(contacts, [])).toEqual(contacts);
  });
});

describe('checkedContacts', () => {
  it('reads the checked contacts once each', () => {
    const form = new FormData();
    for (const id of ['c1', 'c2', 'c1', '']) form.append('contacts', id);
    form.append('visible', 'on');
    expect(checkedContacts(form)).toEqual(['c1', 'c2']);
  });
});

describe('articleProblems', () => {
  it('wants a title and a text, and no field longer than the service takes', () => {
    expect(articleProblems({ title: ' ', body: '', product: null, published: false })).toEqual({
      title: 'required',
      body: 'required',
    });
    expect(articleProblems({ title: 'x'.repeat(301), body: 'ok', product: 'p'.repeat(101), published: true })).toEqual({
      title: 'tooLong',
      product: 'tooLong',
    });
    expect(articleProblems({ title: 'Onboarding', body: 'Step one', product: null, published: true })).toEqual({});
  });
});
