import type { Area, Grant, Level } from '../../lib/permissions';

export const AREAS: Area[] = ['pay_invoices', 'my_account', 'my_subscriptions', 'my_cases', 'customer_accounts'];
export const LEVELS: Level[] = ['none', 'view', 'create', 'edit', 'full'];
export const SCOPES: Grant['scope'][] = ['restricted', 'all'];

export type AllGrants = Record<Area, Grant>;

/** Every area named: an area the profile leaves out grants nothing. */
export function completeGrants(grants: Partial<Record<Area, Grant>> | undefined): AllGrants {
  return Object.fromEntries(AREAS.map((a) => [a, grants?.[a] ?? { level: 'none', scope: 'restricted' }])) as AllGrants;
}

/** The name a copy starts with; the admin can change it before saving. */
export function copyName(name: string, template: string): string {
  return template.replace('{name}', name).slice(0, 100);
}

/** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern), wrapping around. */
export function nextTab(current: number, key: string, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
