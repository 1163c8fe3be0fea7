import { useI18n } from '../i18n/I18n';
import type { CaseState, Priority } from './api';

export function CaseStateBadge({ state }: { state: CaseState }) {
  const { t } = useI18n();
  return <span className={`badge badge-case-${state}`}>{t(`caseState.${state}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return <span className={`badge badge-priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}
