import { Button, Fieldset, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { toIsoDate } from '../../lib/local-date';
import { showSuccess } from '../../lib/toast';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { useGroups } from '../groups/groups-api';
import type { StorySummary } from '../stories/stories-api';
import { useThemes } from '../stories/stories-api';
import {
  CAMPAIGN_GOALS,
  type Campaign,
  type CampaignInput,
  campaignKey,
  campaignsKey,
  isCampaignGoal,
} from './campaigns-api';

function campaignInput(campaign: Campaign | undefined): CampaignInput {
  if (!campaign) {
    const today = new Date();
    return {
      name: '',
      goal: 'employer_branding',
      themeId: null,
      description: '',
      startsOn: toIsoDate(today),
      endsOn: toIsoDate(new Date(today.getFullYear(), today.getMonth() + 1, today.getDate())),
      storyIds: [],
      targetGroupIds: [],
    };
  }
  return {
    name: campaign.name,
    slug: campaign.slug,
    goal: campaign.goal,
    themeId: campaign.theme?.id ?? null,
    description: campaign.description,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    storyIds: campaign.stories.map((story) => story.id),
    targetGroupIds: campaign.targetGroups.map((group) => group.id),
  };
}

/** `/campaigns/new` and `/campaigns/:id`: a campaign's goal, period, stories and target groups. */
export default function CampaignPage() {
  const { t } = useTranslation('editorial');
  const { id } = useParams();
  const campaign = useQuery({
    queryKey: campaignKey(id ?? ''),
    queryFn: () => api<Campaign>(`/api/v1/campaigns/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
  if (id && campaign.isPending) return <PageLoader />;
  if (id && campaign.isError) {
    return (
      <Page title={t('campaigns.editTitle')}>
        <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />
      </Page>
    );
  }
  return <CampaignEditor key={id ?? 'new'} campaign={campaign.data} />;
}

/** Published and approved stories (the ones a campaign can highlight), first 100 of each. */
function useCampaignStoryOptions() {
  return useQuery({
    queryKey: ['stories', 'campaign-options'],
    queryFn: async () => {
      const [published, approved] = await Promise.all(
        ['published', 'approved'].map((status) =>
          api<ListPage<StorySummary>>(`/api/v1/stories${query({ status, limit: 100 })}`),
        ),
      );
      return [...(published?.items ?? []), ...(approved?.items ?? [])];
    },
    staleTime: 30_000,
  });
}

function CampaignEditor({ campaign }: { campaign: Campaign | undefined }) {
  const { t } = useTranslation('editorial');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = hasAnyRole(useCurrentPerson(), ['admin', 'editor']);
  const themes = useThemes();
  const groups = useGroups();
  const stories = useCampaignStoryOptions();
  const [value, setValue] = useState<CampaignInput>(() => campaignInput(campaign));
  const set = <K extends keyof CampaignInput>(key: K, fieldValue: CampaignInput[K]) =>
    setValue((old) => ({ ...old, [key]: fieldValue }));

  const save = useMutation({
    mutationFn: (input: CampaignInput) =>
      campaign
        ? api<Campaign>(`/api/v1/campaigns/${encodeURIComponent(campaign.id)}`, { method: 'PATCH', json: input })
        : api<Campaign>('/api/v1/campaigns', { method: 'POST', json: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(campaignKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: campaignsKey });
      showSuccess(t('campaigns.saved', { name: saved.name }));
      if (campaign) setValue(campaignInput(saved));
      else void navigate(`/campaigns/${saved.id}`, { replace: true });
    },
    meta: { inlineError: true },
  });

  const storyOptions = new Map<string, string>();
  for (const story of campaign?.stories ?? []) storyOptions.set(story.id, story.title);
  for (const story of stories.data ?? []) storyOptions.set(story.id, story.title);
  const groupOptions = (['department', 'location', 'team'] as const)
    .map((kind) => ({
      group: t(`groupKinds.${kind}`),
      items: (groups.data ?? [])
        .filter((group) => group.kind === kind)
        .map((group) => ({ value: group.id, label: group.name })),
    }))
    .filter((option) => option.items.length > 0);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const slug = value.slug?.trim();
    save.mutate({ ...value, name: value.name.trim(), description: value.description.trim(), slug: slug || undefined });
  };

  return (
    <Page title={campaign ? campaign.name : t('campaigns.newTitle')} width={860}>
      <form onSubmit={onSubmit}>
        <Stack>
          <Fieldset legend={t('campaigns.details')} disabled={!canEdit} variant="unstyled">
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('campaigns.fields.name')}
                  required
                  value={value.name}
                  onChange={(event) => set('name', event.currentTarget.value)}
                />
                <TextInput
                  label={t('campaigns.fields.slug')}
                  description={t('campaigns.fields.slugHelp')}
                  value={value.slug ?? ''}
                  onChange={(event) => set('slug', event.currentTarget.value)}
                />
                <NativeSelect
                  label={t('campaigns.fields.goal')}
                  data={CAMPAIGN_GOALS.map((goal) => ({ value: goal, label: t(`goal.${goal}`) }))}
                  value={value.goal}
                  onChange={(event) => {
                    const goal = event.currentTarget.value;
                    if (isCampaignGoal(goal)) set('goal', goal);
                  }}
                />
                <NativeSelect
                  label={t('campaigns.fields.theme')}
                  data={[
                    { value: '', label: t('campaigns.fields.noTheme') },
                    ...(themes.data ?? []).map((theme) => ({ value: theme.id, label: theme.name })),
                  ]}
                  value={value.themeId ?? ''}
                  onChange={(event) => set('themeId', event.currentTarget.value || null)}
                />
                <TextInput
                  label={t('campaigns.fields.startsOn')}
                  type="date"
                  required
                  value={value.startsOn}
                  onChange={(event) => set('startsOn', event.currentTarget.value)}
                />
                <TextInput
                  label={t('campaigns.fields.endsOn')}
                  type="date"
                  required
                  min={value.startsOn}
                  value={value.endsOn}
                  onChange={(event) => set('endsOn', event.currentTarget.value)}
                />
              </SimpleGrid>
              <Textarea
                label={t('campaigns.fields.description')}
                autosize
                minRows={3}
                value={value.description}
                onChange={(event) => set('description', event.currentTarget.value)}
              />
              <MultiSelect
                label={t('campaigns.fields.stories')}
                description={t('campaigns.fields.storiesHelp')}
                data={[...storyOptions].map(([storyId, title]) => ({ value: storyId, label: title }))}
                value={value.storyIds}
                onChange={(storyIds) => set('storyIds', storyIds)}
                searchable
                nothingFoundMessage={t('editor.fields.nothingFound')}
              />
              <MultiSelect
                label={t('campaigns.fields.targetGroups')}
                description={t('editor.fields.targetGroupsHelp')}
                data={groupOptions}
                value={value.targetGroupIds}
                onChange={(groupIds) => set('targetGroupIds', groupIds)}
                searchable
                nothingFoundMessage={t('editor.fields.nothingFound')}
              />
            </Stack>
          </Fieldset>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {canEdit ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {campaign ? t('campaigns.save') : t('campaigns.create')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Page>
  );
}
