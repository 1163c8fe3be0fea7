import { describe, expect, it } from 'vitest';
import { attemptKey, endAttempt, keepKeyAfter, type KeyStore } from './idempotency';

function memoryStore(): KeyStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}
let n = 0;
const newKey = () => `key-${++n}`;

describe('payment idempotency keys', () => {
  it('sends the same key for a retry or a double click of the same payment', () => {
    const store = memoryStore();
    const body = { amount: '10.00', invoices: [{ invoiceId: 'a', amount: '10.00' }] };
    const first = attemptKey(store, 'acc', body, newKey);
    expect(attemptKey(store, 'acc', { ...body }, newKey)).toBe(first);
  });
  it('keeps the key across a reload (a new page reads the same storage)', () => {
    const store = memoryStore();
    const first = attemptKey(store, 'acc', { amount: '1' }, newKey);
    const afterReload = attemptKey(store, 'acc', { amount: '1' }, () => 'never-used');
    expect(afterReload).toBe(first);
  });
  it('starts a new attempt when the request changes or the last one ended', () => {
    const store = memoryStore();
    const first = attemptKey(store, 'acc', { amount: '1' }, newKey);
    const changed = attemptKey(store, 'acc', { amount: '2' }, newKey);
    expect(changed).not.toBe(first);
    endAttempt(store, 'acc');
    expect(attemptKey(store, 'acc', { amount: '2' }, newKey)).not.toBe(changed);
  });
  it('keeps attempts of different accounts apart', () => {
    const store = memoryStore();
    expect(attemptKey(store, 'a1', { amount: '1' }, newKey)).not.toBe(attemptKey(store, 'a2', { amount: '1' }, newKey));
  });
  it('retries with the same key only when the outcome is unknown', () => {
    expect(keepKeyAfter(undefined)).toBe(true);
    expect(keepKeyAfter(504)).toBe(true);
    expect(keepKeyAfter(503)).toBe(true);
    expect(keepKeyAfter(402)).toBe(false);
    expect(keepKeyAfter(400)).toBe(false);
  });
});
