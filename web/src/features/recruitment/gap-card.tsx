import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { safeNext } from '../../lib/safe-next';
import { STORIES_PAGE } from '../stories/stories-api';
import { GapMeter } from './gap-meter';
import { vacancyPage } from './paths';
import type { ContentGap, GapRequestInput, GapRequestResult } from './recruitment-api';
import classes from './recruitment.module.css';
import { UrgencyBadge } from './vacancy-card';

/** The idea request has no colleague; its result is kept under this key. */
const IDEA = 'idea';

/** Where the editor opens the story a request created (the API's editorUrl, when it is a path of this app). */
const editorPath = (result: GapRequestResult): string => safeNext(result.editorUrl) ?? `${STORIES_PAGE}/${result.storyId}`;

/**
 * One theme that needs stories: its hiring pressure against its story supply, the vacancies and
 * stories behind those, and the colleagues to feature, each one click from an interview request.
 */
export function GapCard({
  gap,
  maxPressure,
  maxSupply,
  assignedTo,
  formatNumber,
}: {
  gap: ContentGap;
  maxPressure: number;
  maxSupply: number;
  assignedTo: string;
  formatNumber: (value: number) => string;
}) {
  const { t } = useTranslation('recruitment');
  const headingId = useId();
  const [requested, setRequested] = useState<Record<string, GapRequestResult>>({});
  const request = useMutation({
    mutationFn: (input: GapRequestInput) =>
      api<GapRequestResult>('/api/v1/content-gaps/requests', { method: 'POST', json: input }),
    onSuccess: (result, input) => {
      const key = input.personId ?? IDEA;
      setRequested((old) => ({ ...old, [key]: result }));
      // The button is gone now: move focus to the link that replaced it.
      requestAnimationFrame(() => document.getElementById(`${headingId}-${key}`)?.focus());
    },
    meta: { inlineError: true },
  });
  const { theme } = gap;
  const pending = (key: string) => request.isPending && (request.variables.personId ?? IDEA) === key;
  // The weightiest vacancy in a colleague's department is named in the request's summary.
  const vacancyFor = (department: string | null) =>
    gap.vacancies.find((vacancy) => department !== null && vacancy.department === department)?.id;
  const ask = (input: Omit<GapRequestInput, 'themeId' | 'assignedTo'>) =>
    request.mutate({ themeId: theme.id, ...input, ...(assignedTo ? { assignedTo } : {}) });
  const moreVacancies = gap.vacancyCount - gap.vacancies.length;
  const moreStories = gap.storyCount - gap.stories.length;
  const idea = requested[IDEA];

  return (
    <Card component="article" withBorder padding="md" aria-labelledby={headingId}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3} size="h3" id={headingId} className={classes.wrap}>
            {theme.name}
          </Title>
          <Text size="sm" c="gray.8">
            {t('gaps.need', { need: formatNumber(gap.need) })}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <GapMeter label={t('gaps.pressure')} value={gap.pressure} max={maxPressure} formatted={formatNumber(gap.pressure)} tone="pressure" />
          <GapMeter label={t('gaps.supply')} value={gap.supply} max={maxSupply} formatted={formatNumber(gap.supply)} tone="supply" />
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs">
            <Title order={4} size="h5">
              {t('gaps.vacanciesTitle')}{' '}
              <Text span size="sm" fw={400}>
                ({t('gaps.vacanciesCount', { count: gap.vacancyCount })})
              </Text>
            </Title>
            <Stack gap="xs" component="ul" className={classes.plainList}>
              {gap.vacancies.map((vacancy) => (
                <li key={vacancy.id}>
                  <Anchor component={Link} to={vacancyPage(vacancy.id)} className={classes.wrap}>
                    {vacancy.title}
                  </Anchor>
                  <Group gap="xs" mt={2}>
                    <UrgencyBadge urgency={vacancy.urgency} />
                    <Text size="sm" c="gray.8">
                      {[vacancy.department, t('gaps.openings', { count: vacancy.openings })].filter(Boolean).join(' · ')}
                    </Text>
                  </Group>
                </li>
              ))}
            </Stack>
            {moreVacancies > 0 ? <Text size="sm">{t('gaps.moreVacancies', { count: moreVacancies })}</Text> : null}
          </Stack>

          <Stack gap="xs">
            <Title order={4} size="h5">
              {t('gaps.storiesTitle')}
            </Title>
            {gap.stories.length === 0 ? <Text size="sm">{t('gaps.noStories')}</Text> : null}
            <Stack gap="xs" component="ul" className={classes.plainList}>
              {gap.stories.map((story) => (
                <li key={story.id}>
                  <Anchor component={Link} to={`${STORIES_PAGE}/${story.id}`} className={classes.wrap}>
                    {story.title}
                  </Anchor>
                  <Text size="sm" c="gray.8">
                    {t('gaps.storyMeta', { date: formatDate(story.publishedAt), shares: story.shares, clicks: story.humanClicks })}
                  </Text>
                </li>
              ))}
            </Stack>
            {moreStories > 0 ? <Text size="sm">{t('gaps.moreStories', { count: moreStories })}</Text> : null}
          </Stack>
        </SimpleGrid>

        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('gaps.peopleTitle')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('gaps.peopleIntro')}
          </Text>
          {gap.suggestedPeople.length === 0 ? <Text size="sm">{t('gaps.noPeople')}</Text> : null}
          <Stack gap="sm" component="ul" className={classes.plainList}>
            {gap.suggestedPeople.map((person) => {
              const done = requested[person.id];
              return (
                <li key={person.id}>
                  <Group justify="space-between" align="center" wrap="wrap" gap="xs">
                    <Stack gap={2}>
                      <Text fw={600} className={classes.wrap}>
                        {person.name}
                      </Text>
                      <Text size="sm" c="gray.8">
                        {person.department} ·{' '}
                        {person.lastFeaturedAt ? t('gaps.lastFeatured', { date: formatDate(person.lastFeaturedAt) }) : t('gaps.neverFeatured')}
                      </Text>
                      {person.tellMyStory ? (
                        <Badge color="cyan" variant="light" tt="none" w="fit-content">
                          {t('gaps.tellMyStory')}
                        </Badge>
                      ) : null}
                    </Stack>
                    {done ? (
                      <Stack gap={2} align="flex-end">
                        <Text size="sm">{t('gaps.requested', { name: person.name })}</Text>
                        <Anchor component={Link} to={editorPath(done)} id={`${headingId}-${person.id}`}>
                          {t('gaps.openRequest', { name: person.name })}
                        </Anchor>
                      </Stack>
                    ) : (
                      <Button
                        variant="light"
                        classNames={{ root: classes.wrapButton, label: classes.wrapButtonLabel }}
                        onClick={() => ask({ kind: 'interview', personId: person.id, vacancyId: vacancyFor(person.department) })}
                        loading={pending(person.id)}
                        disabled={request.isPending}
                      >
                        {t('gaps.requestInterview', { name: person.name })}
                      </Button>
                    )}
                  </Group>
                </li>
              );
            })}
          </Stack>
        </Stack>

        {request.error ? <ErrorAlert error={request.error} /> : null}
        <Group>
          {idea ? (
            <Alert color="blue" w="100%">
              <Stack gap={4} align="flex-start">
                <Text>{t('gaps.ideaRequested', { theme: theme.name })}</Text>
                <Anchor component={Link} to={editorPath(idea)} id={`${headingId}-${IDEA}`}>
                  {t('gaps.openIdea')}
                </Anchor>
              </Stack>
            </Alert>
          ) : (
            <Button
              variant="default"
              classNames={{ root: classes.wrapButton, label: classes.wrapButtonLabel }}
              onClick={() => ask({ kind: 'idea', vacancyId: gap.vacancies[0]?.id })}
              loading={pending(IDEA)}
              disabled={request.isPending}
            >
              {t('gaps.requestIdea', { theme: theme.name })}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
