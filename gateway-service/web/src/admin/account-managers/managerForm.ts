// Account manager form rules, as identity-service checks them (AccountManagerController), so the
// person sees every problem at once before anything is sent.

export interface ManagerFields {
  name: string;
  employeeId: string;
  primaryEmail: string;
  phone: string;
  mobile: string;
  loginName: string;
  password: string;
  retypePassword: string;
}

export type ManagerField = keyof ManagerFields;
export type ManagerProblem =
  'required' | 'employeeId' | 'email' | 'phone' | 'loginName' | 'password' | 'retype' | 'tooLong';

export const NEW_FIELDS: ManagerField[] = [
  'name',
  'employeeId',
  'primaryEmail',
  'phone',
  'mobile',
  'loginName',
  'password',
  'retypePassword',
];
export const EDIT_FIELDS: ManagerField[] = ['name', 'employeeId', 'primaryEmail', 'phone', 'mobile'];

const PHONE = /^[+0-9 ()./-]*$/;

export function managerProblems(v: ManagerFields, isNew: boolean): Partial<Record<ManagerField, ManagerProblem>> {
  const p: Partial<Record<ManagerField, ManagerProblem>> = {};
  if (!v.name.trim()) p.name = 'required';
  else if (v.name.length > 100) p.name = 'tooLong';
  if (!v.employeeId.trim()) p.employeeId = 'required';
  else if (!/^[A-Za-z0-9-]{1,20}$/.test(v.employeeId)) p.employeeId = 'employeeId';
  if (!v.primaryEmail.trim()) p.primaryEmail = 'required';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.primaryEmail) || v.primaryEmail.length > 254) p.primaryEmail = 'email';
  if (!PHONE.test(v.phone) || v.phone.length > 30) p.phone = 'phone';
  if (!PHONE.test(v.mobile) || v.mobile.length > 30) p.mobile = 'phone';
  if (isNew) {
    if (!v.loginName) p.loginName = 'required';
    else if (!/^[a-z0-9._-]{3,50}$/.test(v.loginName)) p.loginName = 'loginName';
    if (!v.password) p.password = 'required';
    else if (v.password.length < 8 || v.password.length > 128) p.password = 'password';
    if (!v.retypePassword) p.retypePassword = 'required';
    else if (v.password !== v.retypePassword) p.retypePassword = 'retype';
  }
  return p;
}

/** The request body: blank optional fields are sent as null; edits carry no login or password. */
export function managerBody(v: ManagerFields, isNew: boolean): Record<string, string | null> {
  const body: Record<string, string | null> = {
    name: v.name.trim(),
    employeeId: v.employeeId.trim(),
    primaryEmail: v.primaryEmail.trim(),
    phone: v.phone.trim() || null,
    mobile: v.mobile.trim() || null,
  };
  if (isNew) Object.assign(body, { loginName: v.loginName, password: v.password, retypePassword: v.retypePassword });
  return body;
}
