import { Anchor, Button, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { MyShareItem } from './my-share-item';
import { useAudiences, useMyShares } from './sharing-api';
import type { MyShare } from './sharing-types';

/** `/me/shares`: everything I shared, with the tracked links. */
export default function MySharesPage() {
  const { t } = useTranslation('ambassador');
  const shares = useMyShares();
  const audiences = useAudiences();
  const items = shares.data?.pages.flatMap((page) => page.items) ?? [];

  const audienceName = (audience: MyShare['audience']): string | null => {
    if (audience === null) return null;
    if (typeof audience === 'object') return audience.name;
    return audiences.data?.find((candidate) => candidate.key === audience)?.name ?? audience;
  };

  return (
    <Page title={t('myShares.title')} width={720}>
      <Text>{t('myShares.intro')}</Text>
      {shares.isPending ? <PageLoader /> : null}
      {shares.isError ? <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} /> : null}
      {shares.isSuccess && items.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text>{t('myShares.empty')}</Text>
          <Anchor component={Link} to="/feed" py={10}>
            {t('myShares.toFeed')}
          </Anchor>
        </Stack>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="md">
          {items.map((share) => (
            <MyShareItem key={share.id} share={share} audienceName={audienceName(share.audience)} />
          ))}
        </Stack>
      ) : null}
      {shares.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            size="md"
            mih={44}
            onClick={() => void shares.fetchNextPage()}
            loading={shares.isFetchingNextPage}
          >
            {t('myShares.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Page>
  );
}
