import { describe, expect, it } from 'vitest';
import {
  attemptFor,
  availableActions,
  cancelTimings,
  changeRequest,
  quoteTotals,
  runningFirst,
  type SubscriptionPermissions,
} from './subscriptions';
import { toMinor } from './money';

const level = {
  view: { add: false, change: false, pauseResume: false, cancel: false },
  create: { add: true, change: false, pauseResume: false, cancel: false },
  edit: { add: true, change: true, pauseResume: true, cancel: false },
  full: { add: true, change: true, pauseResume: true, cancel: true },
} satisfies Record<string, SubscriptionPermissions>;
const active = { status: 'active', cancelAtTermEnd: false };

describe('availableActions', () => {
  it('offers nothing at view or create level, changes at edit, cancelling only at full', () => {
    expect(availableActions(active, level.view)).toEqual([]);
    expect(availableActions(active, level.create)).toEqual([]);
    expect(availableActions(active, level.edit)).toEqual(['change', 'pause']);
    expect(availableActions(active, level.full)).toEqual(['change', 'pause', 'cancel']);
    expect(availableActions(active, null)).toEqual([]);
  });
  it('follows the state: a paused one resumes, one set to end can be undone or ended now, an ended one nothing', () => {
    expect(availableActions({ status: 'paused', cancelAtTermEnd: false }, level.full)).toEqual(['resume', 'cancel']);
    expect(availableActions({ status: 'active', cancelAtTermEnd: true }, level.full)).toEqual(['undoCancel', 'cancel']);
    expect(availableActions({ status: 'active', cancelAtTermEnd: true }, level.edit)).toEqual([]);
    expect(availableActions({ status: 'trial', cancelAtTermEnd: false }, level.full)).toEqual(['change', 'cancel']);
    expect(availableActions({ status: 'cancelled', cancelAtTermEnd: false }, level.full)).toEqual([]);
    expect(availableActions({ status: 'expired', cancelAtTermEnd: false }, level.full)).toEqual([]);
  });
});

describe('cancelTimings', () => {
  it('lets a running subscription end now or at term end, a paused or already ending one only now', () => {
    expect(cancelTimings(active)).toEqual(['now', 'term_end']);
    expect(cancelTimings({ status: 'paused', cancelAtTermEnd: false })).toEqual(['now']);
    expect(cancelTimings({ status: 'active', cancelAtTermEnd: true })).toEqual(['now']);
  });
});

describe('runningFirst', () => {
  it('puts active and trial before paused and ended ones, keeping the order within a status', () => {
    const list = [
      { n: 1, status: 'cancelled' },
      { n: 2, status: 'active' },
      { n: 3, status: 'paused' },
      { n: 4, status: 'active' },
      { n: 5, status: 'trial' },
    ];
    expect(runningFirst(list).map((s) => s.n)).toEqual([2, 4, 5, 3, 1]);
  });
});

describe('changeRequest', () => {
  const current = { planCode: 'pro', quantity: 25 };
  it('sends only what changes', () => {
    expect(changeRequest(current, { planCode: 'pro', quantity: '30', when: 'now' })).toEqual({
      body: { quantity: 30, when: 'now' },
    });
    expect(changeRequest(current, { planCode: 'standard', quantity: '25', when: 'term_end' })).toEqual({
      body: { planCode: 'standard', when: 'term_end' },
    });
    expect(changeRequest(current, { planCode: 'standard', quantity: ' 5 ', when: 'now' })).toEqual({
      body: { planCode: 'standard', quantity: 5, when: 'now' },
    });
  });
  it('refuses a quantity that is not a whole number from 1 to 10,000, and a change that changes nothing', () => {
    for (const quantity of ['0', '-1', '10001', '2.5', 'ten', '', '1e3', '99999999999']) {
      expect(changeRequest(current, { planCode: 'pro', quantity, when: 'now' })).toEqual({ problem: 'quantity' });
    }
    expect(changeRequest(current, { planCode: 'pro', quantity: '10000', when: 'now' })).toEqual({
      body: { quantity: 10000, when: 'now' },
    });
    expect(changeRequest(current, { planCode: 'pro', quantity: '25', when: 'now' })).toEqual({ problem: 'unchanged' });
  });
});

describe('attemptFor', () => {
  it('keeps the key for the same request and takes a new one for another', () => {
    let n = 0;
    const next = () => `k${++n}`;
    const first = attemptFor(null, { quantity: 30, when: 'now' }, next);
    expect(first.key).toBe('k1');
    expect(attemptFor(first, { quantity: 30, when: 'now' }, next).key).toBe('k1');
    expect(attemptFor(first, { quantity: 31, when: 'now' }, next).key).toBe('k2');
  });
});

describe('quoteTotals', () => {
  it('sums credit and charge lines exactly and leaves the next renewal out', () => {
    const lines = [
      { kind: 'credit', amount: -600.1 },
      { kind: 'credit', amount: '-0.2' },
      { kind: 'charge', amount: 720.3 },
      { kind: 'next_renewal', amount: 1440 },
    ];
    expect(quoteTotals(lines, (a) => toMinor(a, 'USD'))).toEqual({ credit: -60030, charge: 72030 });
    expect(quoteTotals([{ kind: 'charge', amount: 1200 }], (a) => toMinor(a, 'JPY'))).toEqual({
      credit: 0,
      charge: 1200,
    });
  });
});
