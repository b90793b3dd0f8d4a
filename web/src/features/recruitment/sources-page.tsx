import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ListQueryStatus, Page } from '../../app/page';
import { AddSourceForm } from './add-source-form';
import { useSources } from './recruitment-api';
import { SourceCard } from './source-card';

/** `/recruitment/sources`: where vacancies come from, their last sync, and "Sync now". */
export default function SourcesPage() {
  const { t } = useTranslation('recruitment');
  const sources = useSources();
  const items = sources.data ?? [];

  return (
    <Page title={t('sources.title')} width={900}>
      <Text>{t('sources.intro')}</Text>
      <AddSourceForm />
      <Stack gap="sm" component="section" aria-labelledby="sources-list-title">
        <Title order={2} size="h3" id="sources-list-title">
          {t('sources.listTitle')}
        </Title>
        <ListQueryStatus query={sources} summary={t('sources.shown', { count: items.length })} />
        {sources.isSuccess && items.length === 0 ? <Text>{t('sources.none')}</Text> : null}
        {items.map((source) => (
          <SourceCard key={source.id} source={source} />
        ))}
      </Stack>
    </Page>
  );
}
