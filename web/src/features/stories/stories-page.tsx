import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { StoryStatusBadge } from './story-badges';
import {
  type Audience,
  STORY_FORMATS,
  STORY_STATUSES,
  type StorySummary,
  storiesKey,
  useAudiences,
  useThemes,
  storyPage,
  NEW_STORY_PAGE,
} from './stories-api';

const FILTER_KEYS = ['q', 'status', 'format', 'themeId', 'language', 'campaignId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The names of the audiences a story still lacks a variant for. */
function missingNames(keys: string[], audiences: Audience[] | undefined): string {
  return keys.map((key) => audiences?.find((audience) => audience.key === key)?.name ?? key).join(', ');
}

/** The date that matters most for a story in a list: published, else planned. */
function storyDate(story: StorySummary): string {
  if (story.publishedAt) return formatDate(story.publishedAt);
  if (story.plannedFor) return formatDate(story.plannedFor);
  return '';
}

/** `/editorial/stories`: search and filter every story; editors start new ones. */
export default function StoriesPage() {
  const { t } = useTranslation('editorial');
  const canEdit = hasAnyRole(useCurrentPerson(), ['admin', 'editor']);
  const [searchParams, setSearchParams] = useSearchParams();
  const themes = useThemes();
  const audiences = useAudiences();
  const campaigns = useQuery({
    queryKey: ['campaigns', 'options'],
    queryFn: async () => (await api<ListPage<{ id: string; name: string }>>('/api/v1/campaigns')).items,
    staleTime: 60_000,
  });

  const filters = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, searchParams.get(key) ?? '']),
  ) as Record<FilterKey, string>;
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search, 300);

  const setFilter = (key: FilterKey, value: string) => {
    setSearchParams(
      (params) => {
        const nextParams = new URLSearchParams(params);
        if (value === '') nextParams.delete(key);
        else nextParams.set(key, value);
        return nextParams;
      },
      { replace: true },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced term should write the URL
  useEffect(() => {
    if (debouncedSearch.trim() !== filters.q) setFilter('q', debouncedSearch.trim());
  }, [debouncedSearch]);

  const stories = useInfiniteQuery({
    queryKey: [...storiesKey, filters],
    queryFn: ({ pageParam, signal }) =>
      api<ListPage<StorySummary>>(`/api/v1/stories${query({ ...filters, limit: 25, cursor: pageParam })}`, {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = stories.data?.pages.flatMap((page) => page.items) ?? [];

  const any = { value: '', label: t('stories.filters.any') };
  const select = (key: FilterKey, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect
      label={label}
      data={[any, ...data]}
      value={filters[key]}
      onChange={(event) => setFilter(key, event.currentTarget.value)}
    />
  );

  return (
    <Page
      title={t('stories.title')}
      actions={
        canEdit ? (
          <Button component={Link} to={NEW_STORY_PAGE}>
            {t('stories.newStory')}
          </Button>
        ) : null
      }
    >
      <search aria-label={t('stories.filters.label')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }}>
          <TextInput
            label={t('stories.filters.search')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          {select(
            'status',
            t('stories.filters.status'),
            STORY_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
          )}
          {select(
            'format',
            t('stories.filters.format'),
            STORY_FORMATS.map((format) => ({ value: format, label: t(`format.${format}`) })),
          )}
          {select(
            'themeId',
            t('stories.filters.theme'),
            (themes.data ?? []).map((theme) => ({ value: theme.id, label: theme.name })),
          )}
          {select('language', t('stories.filters.language'), [
            { value: 'nl', label: t('languages.nl') },
            { value: 'en', label: t('languages.en') },
          ])}
          {select(
            'campaignId',
            t('stories.filters.campaign'),
            (campaigns.data ?? []).map((campaign) => ({ value: campaign.id, label: campaign.name })),
          )}
        </SimpleGrid>
      </search>

      <ListQueryStatus
        query={stories}
        summary={stories.hasNextPage ? t('stories.shownMore', { count: items.length }) : t('stories.shown', { count: items.length })}
      />

      {items.length > 0 ? (
        <>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm" type="native">
            <Table verticalSpacing="sm">
              <Table.Caption>{t('stories.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stories.columns.title')}</Table.Th>
                  <Table.Th scope="col" miw={130}>
                    {t('stories.columns.status')}
                  </Table.Th>
                  <Table.Th scope="col">{t('stories.columns.format')}</Table.Th>
                  <Table.Th scope="col">{t('stories.columns.language')}</Table.Th>
                  <Table.Th scope="col">{t('stories.columns.date')}</Table.Th>
                  <Table.Th scope="col">{t('stories.columns.audiences')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((story) => (
                  <Table.Tr key={story.id}>
                    <Table.Td>
                      <Anchor component={Link} to={storyPage(story.id)}>
                        {story.title}
                      </Anchor>
                      {story.themes.length > 0 ? (
                        <Text size="sm" c="gray.8">
                          {story.themes.map((theme) => theme.name).join(', ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <StoryStatusBadge status={story.status} />
                    </Table.Td>
                    <Table.Td>{t(`format.${story.format}`)}</Table.Td>
                    <Table.Td>{t(`languages.${story.language}`)}</Table.Td>
                    <Table.Td>{storyDate(story)}</Table.Td>
                    <Table.Td>
                      {story.missingAudiences.length > 0 ? (
                        <Text size="sm" c="red.9">
                          {t('stories.missingAudiences', {
                            names: missingNames(story.missingAudiences, audiences.data),
                          })}
                        </Text>
                      ) : (
                        <Text size="sm">{t('stories.allAudiences')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack hiddenFrom="sm" gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((story) => (
              <Card component="li" key={story.id} withBorder padding="md">
                <Stack gap={4}>
                  <Anchor component={Link} to={storyPage(story.id)} fw={600}>
                    {story.title}
                  </Anchor>
                  <Group gap="xs">
                    <StoryStatusBadge status={story.status} />
                    <Text size="sm">
                      {[t(`format.${story.format}`), t(`languages.${story.language}`), storyDate(story)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Group>
                  {story.missingAudiences.length > 0 ? (
                    <Text size="sm" c="red.9">
                      {t('stories.missingAudiences', {
                        names: missingNames(story.missingAudiences, audiences.data),
                      })}
                    </Text>
                  ) : null}
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      ) : null}

      {stories.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void stories.fetchNextPage()}
            loading={stories.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Page>
  );
}
