// One Idempotency-Key per payment attempt, kept in sessionStorage: a double click, a retry after a
// network error or a reload of the page sends the same key, so billing charges once. A different
// request (other invoices, amounts or method) is a new attempt with a new key.

export interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Attempt {
  fingerprint: string;
  key: string;
  paymentId?: string;
}

const slot = (accountId: string) => `peakhub.payment-attempt.${accountId}`;

export function fingerprint(body: unknown): string {
  return JSON.stringify(body);
}

function read(store: KeyStore, accountId: string): Attempt | null {
  try {
    const raw = store.getItem(slot(accountId));
    return raw ? (JSON.parse(raw) as Attempt) : null;
  } catch {
    return null;
  }
}

/** The key for this request: the stored one when it is the same request, else a fresh one (stored). */
export function attemptKey(store: KeyStore, accountId: string, body: unknown, newKey: () => string): string {
  const print = fingerprint(body);
  const current = read(store, accountId);
  if (current && current.fingerprint === print) return current.key;
  const attempt: Attempt = { fingerprint: print, key: newKey() };
  store.setItem(slot(accountId), JSON.stringify(attempt));
  return attempt.key;
}

/** The attempt got its answer (a payment, or a definite refusal such as a declined card): the next one is new. */
export function endAttempt(store: KeyStore, accountId: string): void {
  store.removeItem(slot(accountId));
}

/** Whether an error means "try again with the same key" (network, 5xx, 504 timeout, 409 in progress). */
export function keepKeyAfter(status: number | undefined): boolean {
  return status === undefined || status === 0 || status === 409 || status === 429 || status >= 500;
}
