import { describe, expect, it } from 'vitest';
import type { AccountFieldDefinition } from '../api';
import { definitionProblems, fieldValuesBody, optionList, valueProblem } from './accountFieldForm';

const def = (over: Partial<AccountFieldDefinition>): AccountFieldDefinition => ({
  id: 'f1',
  name: 'tier',
  label: 'Tier',
  type: 'text',
  options: [],
  required: false,
  position: 1,
  ...over,
});

describe('definitionProblems', () => {
  it('accepts a pick-list with distinct options', () => {
    expect(
      definitionProblems(
        { name: 'tier', label: 'Tier', type: 'picklist', options: 'Gold, Silver', required: false },
        [],
      ),
    ).toEqual({});
  });
  it('refuses a bad or taken name, no label, a pick-list without or with repeated options', () => {
    expect(
      definitionProblems({ name: 'Tier x', label: ' ', type: 'picklist', options: '', required: false }, []),
    ).toEqual({ name: 'name', label: 'required', options: 'options' });
    expect(
      definitionProblems({ name: 'tier', label: 'T', type: 'picklist', options: 'A\nA', required: false }, [
        { name: 'tier' },
      ]),
    ).toEqual({ name: 'nameTaken', options: 'optionsTwice' });
  });
});

describe('values', () => {
  it('checks each type as billing does', () => {
    expect(valueProblem(def({ type: 'number' }), '12.50')).toBeNull();
    expect(valueProblem(def({ type: 'number' }), 'twelve')).toBe('number');
    expect(valueProblem(def({ type: 'date' }), '2027-03-31')).toBeNull();
    expect(valueProblem(def({ type: 'date' }), '31/03/2027')).toBe('date');
    expect(valueProblem(def({ type: 'picklist', options: ['Gold'] }), 'Bronze')).toBe('option');
    expect(valueProblem(def({ required: true }), ' ')).toBe('required');
    expect(valueProblem(def({}), '')).toBeNull();
  });
  it('sends every field, blank as null', () => {
    expect(fieldValuesBody([{ name: 'a' }, { name: 'b' }, { name: 'c' }], { a: ' x ', b: '  ' })).toEqual({
      a: 'x',
      b: null,
      c: null,
    });
    expect(optionList('Gold, Silver\nBronze,')).toEqual(['Gold', 'Silver', 'Bronze']);
  });
});
