import { useTranslation } from 'react-i18next';

const knownErrors = ['token_expired', 'not_connected', 'rate_limited', 'linkedin_unavailable', 'rejected', 'item_unavailable', 'not_active_ambassador', 'text_over_limit', 'interrupted'] as const;

/** The translated reason of a failure (`code` or `code:detail`, e.g. LinkedIn's own message for `rejected`). */
export function useReason() {
  const { t } = useTranslation('linkedin');
  return (lastError: string): string => {
    const [code = '', ...rest] = lastError.split(':');
    const detail = rest.join(':').trim();
    const known = (knownErrors as readonly string[]).includes(code) ? t(`errors.${code as (typeof knownErrors)[number]}`) : t('errors.other');
    return detail && code === 'rejected' ? `${known} (${detail})` : known;
  };
}
