import { describe, expect, it } from 'vitest';
import { managerBody, managerProblems, type ManagerFields } from './managerForm';

const valid: ManagerFields = {
  name: 'Maria Manager',
  employeeId: 'E-1001',
  primaryEmail: 'maria@peak.example',
  phone: '+49 30 1234',
  mobile: '',
  loginName: 'maria.m',
  password: 'secret123',
  retypePassword: 'secret123',
};

describe('managerProblems', () => {
  it('accepts a complete new manager', () => {
    expect(managerProblems(valid, true)).toEqual({});
  });
  it('names every field that is wrong at once', () => {
    expect(
      managerProblems(
        {
          ...valid,
          name: ' ',
          employeeId: 'E 1',
          primaryEmail: 'nope',
          phone: 'call me',
          loginName: 'Ma',
          password: 'short',
          retypePassword: 'other',
        },
        true,
      ),
    ).toEqual({
      name: 'required',
      employeeId: 'employeeId',
      primaryEmail: 'email',
      phone: 'phone',
      loginName: 'loginName',
      password: 'password',
      retypePassword: 'retype',
    });
  });
  it('refuses two different passwords', () => {
    expect(managerProblems({ ...valid, retypePassword: 'secret124' }, true)).toEqual({ retypePassword: 'retype' });
  });
  it('does not ask for a login or password when editing', () => {
    expect(managerProblems({ ...valid, loginName: '', password: '', retypePassword: '' }, false)).toEqual({});
  });
});

describe('managerBody', () => {
  it('sends blank optional fields as null and keeps passwords out of edits', () => {
    expect(managerBody(valid, false)).toEqual({
      name: 'Maria Manager',
      employeeId: 'E-1001',
      primaryEmail: 'maria@peak.example',
      phone: '+49 30 1234',
      mobile: null,
    });
    expect(managerBody(valid, true)).toMatchObject({
      loginName: 'maria.m',
      password: 'secret123',
      retypePassword: 'secret123',
    });
  });
});
