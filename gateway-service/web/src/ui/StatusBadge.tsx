import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';

const KNOWN = [
  'open',
  'posted',
  'partially_paid',
  'paid',
  'overdue',
  'void',
  'succeeded',
  'pending',
  'failed',
  'active',
  'inactive',
  'trial',
  'paused',
  'cancelled',
  'expired',
];

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = KNOWN.includes(status) ? t(`status.${status}` as MessageKey) : status;
  return <span className={`badge badge-${status}`}>{label}</span>;
}
