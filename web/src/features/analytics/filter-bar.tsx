import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page as ListPage } from '../../lib/api';
import type { Campaign } from '../campaigns/campaigns-api';
import { campaignsKey } from '../campaigns/campaigns-api';
import { groupsOfKind, useGroups } from '../groups/groups-api';
import { useAudiences, useThemes } from '../stories/stories-api';
import type { ViewState } from './analytics-api';
import { type AnalyticsFilters, FILTER_DIMENSIONS, NETWORKS, PERSONA_KEYS, STORY_FORMATS } from './analytics-types';

type Option = { value: string; label: string };
type Dimension = (typeof FILTER_DIMENSIONS)[number];

/** The choices of every filter dimension, labelled in the reader's language. */
export function useDimensionOptions(): Record<Dimension, Option[]> {
  const { t, i18n } = useTranslation('analytics');
  const groups = useGroups();
  const themes = useThemes();
  const audiences = useAudiences();
  const campaigns = useQuery({
    queryKey: campaignsKey,
    queryFn: async () => (await api<ListPage<Campaign>>('/api/v1/campaigns')).items,
    staleTime: 60_000,
  });
  const dutch = i18n.resolvedLanguage === 'nl';
  const byName = (a: Option, b: Option) => a.label.localeCompare(b.label);
  return {
    department: groupsOfKind(groups.data, 'department').map((group) => ({ value: group.id, label: group.name })),
    location: groupsOfKind(groups.data, 'location').map((group) => ({ value: group.id, label: group.name })),
    persona: PERSONA_KEYS.map((key) => ({ value: key, label: t(`names.${key}`, { ns: 'personas' }) })),
    theme: (themes.data ?? []).map((theme) => ({ value: theme.id, label: dutch ? theme.nameNl : theme.nameEn })).sort(byName),
    format: STORY_FORMATS.map((key) => ({ value: key, label: t(`format.${key}`, { ns: 'editorial' }) })),
    campaign: (campaigns.data ?? []).map((campaign) => ({ value: campaign.id, label: campaign.name })).sort(byName),
    network: NETWORKS.map((key) => ({ value: key, label: t(`networks.${key}`, { ns: 'impact' }) })),
    audience: (audiences.data ?? []).map((audience) => ({ value: audience.key, label: dutch ? audience.nameNl : audience.nameEn })),
  };
}

/**
 * The period, the comparison and every filter dimension. A change applies at once (the address
 * keeps it), so the view can be shared or bookmarked as it is.
 */
export function FilterBar({ state, update }: { state: ViewState; update: (changes: Partial<AnalyticsFilters>) => void }) {
  const { t } = useTranslation('analytics');
  const options = useDimensionOptions();
  const { filters } = state;
  const cleared = Object.fromEntries([...FILTER_DIMENSIONS, 'from', 'to'].map((key) => [key, ''])) as Partial<AnalyticsFilters>;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="analytics-filters">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="analytics-filters">
            {t('filters.title')}
          </Title>
          <Button variant="subtle" mih={44} onClick={() => update(cleared)}>
            {t('filters.reset')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} verticalSpacing="sm">
          <TextInput type="date" label={t('filters.from')} value={filters.from} max={filters.to || undefined} onChange={(event) => update({ from: event.currentTarget.value })} />
          <TextInput type="date" label={t('filters.to')} value={filters.to} min={filters.from || undefined} onChange={(event) => update({ to: event.currentTarget.value })} />
          {FILTER_DIMENSIONS.map((dimension) => (
            <NativeSelect
              key={dimension}
              label={t(`filters.${dimension}`)}
              value={filters[dimension]}
              onChange={(event) => update({ [dimension]: event.currentTarget.value })}
              data={[{ value: '', label: t('filters.all') }, ...options[dimension]]}
            />
          ))}
        </SimpleGrid>
        <Checkbox
          label={t('filters.compare')}
          checked={filters.compare === 'previous'}
          onChange={(event) => update({ compare: event.currentTarget.checked ? 'previous' : 'none' })}
        />
        {filters.from === '' && filters.to === '' ? (
          <Text size="sm" c="gray.8">
            {t('period.defaultRange')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
