import { Alert, Anchor, Button, Center, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, ListQueryStatus, Page } from '../../app/page';
import { ShareComposer } from '../sharing/share-composer';
import { useMe } from '../sharing/sharing-api';
import type { VacancyShareKit } from '../sharing/sharing-types';
import { useFetchVacancyShareKit, useOpenVacancies } from './jobs-api';
import { OpenVacancyCard } from './open-vacancy-card';

interface ComposerState {
  kit: VacancyShareKit;
  /** A new number for every opening, so the composer starts afresh. */
  session: number;
  opened: boolean;
}

/** `/jobs`: open vacancies an ambassador can share, most urgent first, with the same composer as stories. */
export default function OpenVacanciesPage() {
  const { t } = useTranslation('ambassador');
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [preparing, setPreparing] = useState<string | null>(null);
  const [kitError, setKitError] = useState<unknown>(null);

  const me = useMe();
  const vacancies = useOpenVacancies(q);
  const fetchKit = useFetchVacancyShareKit();
  const canShare = me.data?.ambassadorStatus === 'active';

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced term should write the URL
  useEffect(() => {
    const term = debouncedSearch.trim();
    if (term === q) return;
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (term === '') next.delete('q');
        else next.set('q', term);
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch]);

  const share = async (vacancyId: string) => {
    setPreparing(vacancyId);
    setKitError(null);
    try {
      const kit = await fetchKit(vacancyId);
      setComposer((old) => ({ kit, session: (old?.session ?? 0) + 1, opened: true }));
    } catch (error) {
      // E.g. the vacancy closed since the list was loaded: say so, and show the list as it is now.
      setKitError(error);
      void vacancies.refetch();
    } finally {
      setPreparing(null);
    }
  };

  const items = vacancies.data?.pages.flatMap((page) => page.items) ?? [];
  const paused = me.data?.ambassadorStatus === 'paused';

  return (
    <Page title={t('jobs.title')} width={720}>
      <Text>{t('jobs.intro')}</Text>
      {me.data && !canShare ? (
        <Alert color="blue" title={t('feed.voluntaryTitle')} role="note">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{paused ? t('jobs.voluntaryPaused') : t('jobs.voluntary')}</Text>
            <Anchor component={Link} to="/profile" fw={700} size="sm" py={10} c="blue.9" underline="always">
              {paused ? t('feed.toProfilePaused') : t('feed.toProfile')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      <search aria-label={t('jobs.filters')}>
        <TextInput
          label={t('jobs.search')}
          type="search"
          size="md"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </search>

      {kitError ? <ErrorAlert error={kitError} /> : null}
      <ListQueryStatus
        query={vacancies}
        summary={
          items.length === 0
            ? q
              ? t('jobs.emptySearch', { q })
              : t('jobs.empty')
            : t('jobs.count', { count: items.length })
        }
      />
      {items.length > 0 ? (
        <Stack gap="lg">
          {items.map((vacancy) => (
            <OpenVacancyCard
              key={vacancy.id}
              vacancy={vacancy}
              preparing={preparing === vacancy.id}
              onShare={canShare ? () => void share(vacancy.id) : null}
            />
          ))}
        </Stack>
      ) : null}
      {vacancies.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            size="md"
            mih={44}
            onClick={() => void vacancies.fetchNextPage()}
            loading={vacancies.isFetchingNextPage}
          >
            {t('jobs.loadMore')}
          </Button>
        </Center>
      ) : null}
      {vacancies.isSuccess && items.length > 0 && !vacancies.hasNextPage ? (
        <Text c="dimmed" size="sm" ta="center">
          {t('jobs.allLoaded')}
        </Text>
      ) : null}

      {composer ? (
        <ShareComposer
          key={composer.session}
          vacancy={composer.kit}
          opened={composer.opened}
          onClose={() => setComposer((old) => (old ? { ...old, opened: false } : old))}
        />
      ) : null}
    </Page>
  );
}
