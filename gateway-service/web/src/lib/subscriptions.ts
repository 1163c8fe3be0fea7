// My Subscriptions' rules: which actions a subscription offers (the profile's permissions and its
// status, as subscription-service would answer), a change's input checks, and one Idempotency-Key
// per attempt, so a double click or a retry of the same request changes once.

export interface SubscriptionPermissions {
  add: boolean;
  change: boolean;
  pauseResume: boolean;
  cancel: boolean;
}

export type SubscriptionAction = 'change' | 'cancel' | 'undoCancel' | 'pause' | 'resume';

interface State {
  status: string;
  cancelAtTermEnd: boolean;
}

const ENDED = ['cancelled', 'expired'];

/** What the profile grants, narrowed to what the subscription's state allows; in the order shown. */
export function availableActions(s: State, p: SubscriptionPermissions | null | undefined): SubscriptionAction[] {
  if (!p || ENDED.includes(s.status)) return [];
  const actions: SubscriptionAction[] = [];
  const running = s.status === 'active' || s.status === 'trial';
  if (p.change && running && !s.cancelAtTermEnd) actions.push('change');
  if (p.pauseResume && s.status === 'active' && !s.cancelAtTermEnd) actions.push('pause');
  if (p.pauseResume && s.status === 'paused') actions.push('resume');
  if (p.cancel && s.cancelAtTermEnd) actions.push('undoCancel');
  if (p.cancel) actions.push('cancel');
  return actions;
}

/** When a cancellation may take effect: a paused one or one already set to end can only end now. */
export function cancelTimings(s: State): ('now' | 'term_end')[] {
  return s.status === 'paused' || s.cancelAtTermEnd ? ['now'] : ['now', 'term_end'];
}

/** Running first, as the BFF sends them; kept here so a list the page merges stays in that order. */
const ORDER = ['active', 'trial', 'paused', 'cancelled', 'expired'];
export function runningFirst<T extends { status: string }>(list: T[]): T[] {
  const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);
  return [...list].sort((a, b) => rank(a.status) - rank(b.status));
}

export const MAX_QUANTITY = 10_000;

export type ChangeProblem = 'quantity' | 'unchanged';

export interface ChangeInput {
  planCode: string;
  quantity: string;
  when: 'now' | 'term_end';
}

export interface ChangeBody {
  planCode?: string;
  quantity?: number;
  when: 'now' | 'term_end';
}

/** The request for a change, or what is wrong: a whole quantity of 1 to 10,000, and something must change. */
export function changeRequest(
  current: { planCode: string; quantity: number },
  input: ChangeInput,
): { body: ChangeBody } | { problem: ChangeProblem } {
  const text = input.quantity.trim();
  if (!/^\d{1,6}$/.test(text)) return { problem: 'quantity' };
  const quantity = Number(text);
  if (quantity < 1 || quantity > MAX_QUANTITY) return { problem: 'quantity' };
  const planChanged = input.planCode !== '' && input.planCode !== current.planCode;
  const quantityChanged = quantity !== current.quantity;
  if (!planChanged && !quantityChanged) return { problem: 'unchanged' };
  const body: ChangeBody = { when: input.when };
  if (planChanged) body.planCode = input.planCode;
  if (quantityChanged) body.quantity = quantity;
  return { body };
}

export interface Attempt {
  fingerprint: string;
  key: string;
}

/** The same request again keeps its key (the service answers the first result); another request gets a new one. */
export function attemptFor(current: Attempt | null, request: unknown, newKey: () => string): Attempt {
  const fingerprint = JSON.stringify(request);
  return current && current.fingerprint === fingerprint ? current : { fingerprint, key: newKey() };
}

/** The credit (negative) and charge totals of a quote's lines, in minor units so the sums are exact. */
export function quoteTotals(
  lines: { kind: string; amount: number | string }[],
  toMinor: (amount: number | string) => number,
): { credit: number; charge: number } {
  let credit = 0;
  let charge = 0;
  for (const line of lines) {
    if (line.kind === 'credit') credit += toMinor(line.amount);
    else if (line.kind === 'charge') charge += toMinor(line.amount);
  }
  return { credit, charge };
}
