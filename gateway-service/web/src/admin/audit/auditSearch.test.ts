import { describe, expect, it } from 'vitest';
import { auditPath, rangeProblem, readAuditSearch, toInstant } from './auditSearch';

describe('audit search', () => {
  it('asks identity for only the filters that are set, times as instants', () => {
    const s = readAuditSearch(
      new URLSearchParams('who=alice&actingAdmin=ad1&action=impersonation.started&from=2026-11-01T09:30'),
    );
    expect(auditPath(s)).toBe(
      `/api/admin/audit?who=alice&actingAdmin=ad1&action=impersonation.started&from=${encodeURIComponent(
        toInstant('2026-11-01T09:30') ?? '',
      )}&limit=200`,
    );
  });
  it('drops an unknown action, a malformed time or account id from the URL', () => {
    expect(readAuditSearch(new URLSearchParams('action=drop&from=yesterday&accountId=x'))).toEqual({
      who: '',
      actingAdmin: '',
      accountId: '',
      action: '',
      from: '',
      to: '',
    });
  });
  it('refuses a range whose start is not before its end', () => {
    const s = readAuditSearch(new URLSearchParams('from=2026-11-02T00:00&to=2026-11-01T00:00'));
    expect(rangeProblem(s)).toBe('range');
    expect(rangeProblem({ ...s, to: '2026-11-03T00:00' })).toBeNull();
  });
});
