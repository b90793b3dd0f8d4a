import { Button, Center, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { PersonaFeedHint } from '../personas/persona-feed-hint';
import { ShareComposer } from '../sharing/share-composer';
import { useAudiences, useFeed, useMe } from '../sharing/sharing-api';
import type { FeedCard as FeedCardData } from '../sharing/sharing-types';
import { FeedCard } from './feed-card';
import { VoluntaryBanner } from './voluntary-banner';

const DEFAULT_AUDIENCE = 'candidates';

interface ComposerState {
  card: FeedCardData;
  /** A new number for every opening, so the composer starts afresh. */
  session: number;
  opened: boolean;
}

/** `/feed`: stories to share, tailored to the audience the person picks. */
export default function FeedPage() {
  const { t } = useTranslation('ambassador');
  const [searchParams, setSearchParams] = useSearchParams();
  const audience = searchParams.get('audience') || DEFAULT_AUDIENCE;
  const q = searchParams.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [composer, setComposer] = useState<ComposerState | null>(null);

  const me = useMe();
  const audiences = useAudiences();
  const feed = useFeed(audience, q);
  // Alumni who can sign in are in the alumni programme: they share public stories too (the server checks).
  const canShare = me.data?.ambassadorStatus === 'active' || me.data?.ambassadorStatus === 'alumni';

  const setParam = (key: 'audience' | 'q', value: string) => {
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced term should write the URL
  useEffect(() => {
    if (debouncedSearch.trim() !== q) setParam('q', debouncedSearch.trim());
  }, [debouncedSearch]);

  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const audienceOptions = audiences.data?.map((option) => ({ value: option.key, label: option.name })) ?? [
    { value: audience, label: t('feed.audience') },
  ];

  return (
    <Page title={t('feed.title')} width={720}>
      <Text>{t('feed.intro')}</Text>
      {me.data && !canShare ? <VoluntaryBanner status={me.data.ambassadorStatus} /> : null}
      <PersonaFeedHint hint={feed.data?.pages[0]?.persona} />
      <search aria-label={t('feed.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('feed.audience')}
            size="md"
            data={audienceOptions}
            value={audience}
            disabled={!audiences.data}
            onChange={(event) => setParam('audience', event.currentTarget.value)}
          />
          <TextInput
            label={t('feed.search')}
            type="search"
            size="md"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </SimpleGrid>
      </search>

      {feed.isPending ? <PageLoader /> : null}
      {feed.isError ? <ErrorAlert error={feed.error} onRetry={() => void feed.refetch()} /> : null}
      {feed.isSuccess && items.length === 0 ? (
        <Text>{q ? t('feed.emptySearch', { q }) : t('feed.empty')}</Text>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="lg">
          {items.map((card) => (
            <FeedCard
              key={card.story.id}
              card={card}
              onShare={
                canShare
                  ? () => setComposer((old) => ({ card, session: (old?.session ?? 0) + 1, opened: true }))
                  : null
              }
            />
          ))}
        </Stack>
      ) : null}
      {feed.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            size="md"
            mih={44}
            onClick={() => void feed.fetchNextPage()}
            loading={feed.isFetchingNextPage}
          >
            {t('feed.loadMore')}
          </Button>
        </Center>
      ) : null}
      {feed.isSuccess && items.length > 0 && !feed.hasNextPage ? (
        <Text c="dimmed" size="sm" ta="center">
          {t('feed.allLoaded')}
        </Text>
      ) : null}

      {composer ? (
        <ShareComposer
          key={composer.session}
          card={composer.card}
          initialAudience={audience}
          startWithOwnWords={feed.data?.pages[0]?.persona?.composer === 'own_words'}
          opened={composer.opened}
          onClose={() => setComposer((old) => (old ? { ...old, opened: false } : old))}
        />
      ) : null}
    </Page>
  );
}
