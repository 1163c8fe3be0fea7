import { describe, expect, it } from 'vitest';
import { Problem } from '../../api/client';
import type { Manager } from '../api';
import { accountProblems, managerChanges, managerOf, nameKey, saveProblemPlace } from './accountForm';

const manager = (id: string, accountIds: string[]): Manager => ({
  id,
  name: id,
  employeeId: 'E-1',
  primaryEmail: `${id}@peak.example`,
  phone: null,
  mobile: null,
  loginName: id,
  accountIds,
});

describe('accountProblems', () => {
  const others = [{ accountId: 'a1', name: 'Acme Corporation' }];
  it('accepts a new account with a free name and a well-formed number', () => {
    expect(accountProblems({ name: 'Umbrella', number: 'A-000200', currency: 'USD' }, others, null)).toEqual({});
  });
  it('refuses a name another account has (whatever the case), a malformed number, no currency', () => {
    expect(accountProblems({ name: 'acme corporation ', number: '200', currency: '' }, others, null)).toEqual({
      name: 'nameTaken',
      number: 'number',
      currency: 'required',
    });
  });
  it('compares names as billing does: runs of spaces count as one', () => {
    expect(nameKey('  ACME   Corporation ')).toBe('acme corporation');
    expect(accountProblems({ name: 'Acme  corporation', number: 'A-000200', currency: 'USD' }, others, null)).toEqual({
      name: 'nameTaken',
    });
  });
  it('lets an account keep its own name when edited', () => {
    expect(accountProblems({ name: 'Acme Corporation', number: 'A-000101', currency: 'USD' }, others, 'a1')).toEqual(
      {},
    );
  });
});

describe('saveProblemPlace', () => {
  const problem = (status: number, slug: string, field?: string) =>
    new Problem(status, slug, 'Conflict', `billing says ${slug}`, field);
  it("puts billing's taken name at the name input, in the form's own words (the list it checked was behind)", () => {
    expect(saveProblemPlace(problem(409, 'account-name-taken', 'name'), [])).toEqual({
      at: 'field',
      field: 'name',
      problem: 'nameTaken',
      message: 'billing says account-name-taken',
    });
  });
  it('puts a taken number at the number input, also from a billing that does not name the field', () => {
    expect(saveProblemPlace(problem(409, 'duplicate-account-number'), [])).toMatchObject({
      at: 'field',
      field: 'number',
      problem: 'numberTaken',
    });
  });
  it("puts another refusal naming an input at that input with billing's words", () => {
    expect(saveProblemPlace(problem(400, 'invalid-input', 'number'), [])).toEqual({
      at: 'field',
      field: 'number',
      message: 'billing says invalid-input',
    });
    expect(saveProblemPlace(problem(400, 'invalid-input', 'fields.tier'), ['tier'])).toEqual({
      at: 'accountField',
      name: 'tier',
      message: 'billing says invalid-input',
    });
  });
  it('leaves anything else to the form: an unknown field, no field, not a problem', () => {
    expect(saveProblemPlace(problem(400, 'invalid-input', 'fields.gone'), ['tier'])).toEqual({ at: 'form' });
    expect(saveProblemPlace(problem(400, 'invalid-input', 'status'), ['tier'])).toEqual({ at: 'form' });
    expect(saveProblemPlace(problem(503, 'service-unavailable'), [])).toEqual({ at: 'form' });
    expect(saveProblemPlace(new Error('boom'), [])).toEqual({ at: 'form' });
  });
});

describe('managerChanges', () => {
  const managers = [manager('m1', ['a1', 'a2']), manager('m2', ['a3'])];
  it('moves an account to another manager by adding it to that manager (identity takes it from the old one)', () => {
    expect(managerOf(managers, 'a1')?.id).toBe('m1');
    expect(managerChanges(managers, 'a1', 'm2')).toEqual([{ managerId: 'm2', accountIds: ['a3', 'a1'] }]);
  });
  it('removes the manager by taking the account out of the old manager list', () => {
    expect(managerChanges(managers, 'a1', '')).toEqual([{ managerId: 'm1', accountIds: ['a2'] }]);
  });
  it('changes nothing when the manager stays, or an account without one stays without', () => {
    expect(managerChanges(managers, 'a1', 'm1')).toEqual([]);
    expect(managerChanges(managers, 'a9', '')).toEqual([]);
  });
});
