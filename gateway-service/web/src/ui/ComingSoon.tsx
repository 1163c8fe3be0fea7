import { useI18n } from '../i18n/I18n';
import { PageTitle } from './States';

export function ComingSoon({ tab }: { tab: 'subscriptions' | 'cases' }) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t(`tab.${tab}`)}</PageTitle>
      <p className="state empty">
        <strong>{t('soon.title')}.</strong> {t('soon.text')}
      </p>
    </>
  );
}
