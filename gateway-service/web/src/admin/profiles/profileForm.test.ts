import { describe, expect, it } from 'vitest';
import { completeGrants, copyName, nextTab } from './profileForm';

describe('completeGrants', () => {
  it('names all five areas, an area left out granting nothing', () => {
    const g = completeGrants({ my_cases: { level: 'edit', scope: 'all' } });
    expect(Object.keys(g)).toEqual(['pay_invoices', 'my_account', 'my_subscriptions', 'my_cases', 'customer_accounts']);
    expect(g.my_cases).toEqual({ level: 'edit', scope: 'all' });
    expect(g.pay_invoices).toEqual({ level: 'none', scope: 'restricted' });
  });
});

describe('copyName', () => {
  it('fills the template and keeps within 100 characters', () => {
    expect(copyName('Customer standard', 'Copy of {name}')).toBe('Copy of Customer standard');
    expect(copyName('x'.repeat(100), 'Copy of {name}')).toHaveLength(100);
  });
});

describe('nextTab', () => {
  it('moves with the arrows, wraps around, and jumps with Home and End', () => {
    expect(nextTab(0, 'ArrowRight', 5)).toBe(1);
    expect(nextTab(4, 'ArrowRight', 5)).toBe(0);
    expect(nextTab(0, 'ArrowLeft', 5)).toBe(4);
    expect(nextTab(2, 'Home', 5)).toBe(0);
    expect(nextTab(2, 'End', 5)).toBe(4);
    expect(nextTab(2, 'Enter', 5)).toBeNull();
  });
});
