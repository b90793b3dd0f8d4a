import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from './page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.notFoundTitle')}>
      <Text>{t('errors.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.goHome')}
      </Anchor>
    </Page>
  );
}
