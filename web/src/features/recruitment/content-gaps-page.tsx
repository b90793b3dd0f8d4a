import { NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListQueryStatus, Page } from '../../app/page';
import { fetchAll } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { Person } from '../../lib/types';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { GapCard } from './gap-card';
import { useContentGaps } from './recruitment-api';
import classes from './recruitment.module.css';

/** Active editors, who can take on a request made here. */
function useEditors() {
  return useQuery({
    queryKey: ['people', 'editors'],
    queryFn: () => fetchAll<Person>('/api/v1/people', { role: 'editor', active: 'true' }),
    staleTime: 5 * 60_000,
  });
}

/**
 * `/recruitment/content-gaps`: "themes that need stories", shared by communications and
 * recruitment — the themes with the most hiring pressure for the least recent story supply first.
 */
export default function ContentGapsPage() {
  const { t, i18n } = useTranslation('recruitment');
  const me = useCurrentPerson();
  const gaps = useContentGaps();
  const editors = useEditors();
  const iAmEditor = hasAnyRole(me, ['admin', 'editor']);
  const [assignedTo, setAssignedTo] = useState('');
  const items = gaps.data?.items ?? [];
  const maxPressure = Math.max(0, ...items.map((gap) => gap.pressure));
  const maxSupply = Math.max(0, ...items.map((gap) => gap.supply));
  const numberFormat = new Intl.NumberFormat(i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });
  const editorOptions = (editors.data ?? [])
    .filter((person) => person.id !== me?.id)
    .map((person) => ({ value: person.id, label: person.name }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Page title={t('gaps.title')} width={1000}>
      <Text>{t('gaps.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('gaps.assignTo')}
          description={t('gaps.assignHelp')}
          data={[{ value: '', label: iAmEditor ? t('gaps.assignMe') : t('gaps.assignEditors') }, ...editorOptions]}
          value={assignedTo}
          onChange={(event) => setAssignedTo(event.currentTarget.value)}
        />
      </SimpleGrid>
      <Stack gap="sm" component="section" aria-labelledby="content-gaps-title">
        <Title order={2} size="h3" id="content-gaps-title">
          {t('gaps.heading')}
        </Title>
        <ListQueryStatus query={gaps} summary={t('gaps.shown', { count: items.length })} />
        {gaps.data ? (
          <Text size="sm" c="gray.8">
            {t('gaps.generatedAt', { date: formatDateTime(gaps.data.generatedAt) })}
          </Text>
        ) : null}
        {gaps.isSuccess && items.length === 0 ? <Text>{t('gaps.none')}</Text> : null}
        {items.length > 0 ? (
          <Stack gap="lg" component="ol" className={classes.plainList}>
            {items.map((gap) => (
              <li key={gap.theme.id}>
                <GapCard
                  gap={gap}
                  maxPressure={maxPressure}
                  maxSupply={maxSupply}
                  assignedTo={assignedTo}
                  formatNumber={(value) => numberFormat.format(value)}
                />
              </li>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Page>
  );
}
