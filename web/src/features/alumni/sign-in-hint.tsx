import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** On the sign-in page: alumni sign in with the personal e-mail they left behind (never the work address). */
export function AlumniSignInHint() {
  const { t } = useTranslation('alumni');
  return (
    <Text size="sm" c="gray.8">
      {t('signInHint')}
    </Text>
  );
}
