import { useId } from 'react';
import { useI18n } from '../i18n/I18n';
import type { CardInput } from './card';

interface Props {
  value: CardInput;
  onChange: (card: CardInput) => void;
  problems: Partial<Record<keyof CardInput, true>>;
  showProblems: boolean;
}

/** Card number, expiry and CVC, each labelled; autocomplete hints let the browser fill them. */
export function CardFields({ value, onChange, problems, showProblems }: Props) {
  const { t } = useI18n();
  const id = useId();
  const field = (name: keyof CardInput, label: string, extra: React.InputHTMLAttributes<HTMLInputElement>) => {
    const invalid = showProblems && problems[name];
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          name={name}
          value={value[name]}
          onChange={(e) => onChange({ ...value, [name]: e.target.value })}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-problem` : undefined}
          required
          {...extra}
        />
      </div>
    );
  };
  const anyProblem = showProblems && Object.keys(problems).length > 0;
  return (
    <fieldset className="card-fields">
      <legend>{t('card.title')}</legend>
      {field('number', t('card.number'), { inputMode: 'numeric', autoComplete: 'cc-number', maxLength: 23 })}
      <div className="field-row">
        {field('expMonth', t('card.expMonth'), {
          inputMode: 'numeric',
          autoComplete: 'cc-exp-month',
          maxLength: 2,
          size: 3,
        })}
        {field('expYear', t('card.expYear'), {
          inputMode: 'numeric',
          autoComplete: 'cc-exp-year',
          maxLength: 4,
          size: 5,
        })}
        {field('cvc', t('card.cvc'), { inputMode: 'numeric', autoComplete: 'cc-csc', maxLength: 4, size: 5 })}
      </div>
      {anyProblem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {t('card.invalid')}
        </p>
      )}
    </fieldset>
  );
}
