import { Anchor, List, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { CompanyFollowersForm } from './company-followers-form';
import { GrowthChart } from './growth-chart';
import { useImpact } from './impact-api';
import classes from './impact.module.css';
import { type ImpactTotals, WEEK_CHOICES } from './impact-types';
import { ReachChart } from './reach-chart';

const FIGURES = ['shares', 'humanClicks', 'visitors', 'applications'] as const satisfies readonly (keyof ImpactTotals)[];

/** `/me/impact`: what my sharing did, for me alone: figures, growth per week, reach and the stories I am in. */
export default function ImpactPage() {
  const { t } = useTranslation('impact');
  const person = useCurrentPerson();
  const [weeks, setWeeks] = useState<number>(12);
  const impact = useImpact(weeks);
  const data = impact.data;

  return (
    <Page title={t('title')} width={880}>
      <Text>{t('intro')}</Text>
      <Stack gap={4}>
        <Text fw={600} id="impact-range">
          {t('range.label')}
        </Text>
        <SegmentedControl
          aria-labelledby="impact-range"
          value={String(weeks)}
          onChange={(value) => setWeeks(Number(value))}
          data={WEEK_CHOICES.map((n) => ({ value: String(n), label: String(n) }))}
          fullWidth
          size="md"
        />
      </Stack>
      {impact.isPending ? <PageLoader /> : null}
      {impact.isError ? <ErrorAlert error={impact.error} onRetry={() => void impact.refetch()} /> : null}
      {data ? (
        <Stack gap="xl">
          <Stack gap="xs" component="section" aria-labelledby="impact-figures">
            <Title order={2} size="h3" id="impact-figures">
              {t('figures.title', { from: formatDate(data.from), to: formatDate(data.to) })}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              {FIGURES.map((key) => (
                <Paper key={key} withBorder p="sm">
                  <Text size="sm" c="gray.8">
                    {t(`figures.${key}`)}
                  </Text>
                  <Text fz={28} fw={700} className={classes.value}>
                    {data.range[key]}
                  </Text>
                  <Text size="xs" c="gray.8">
                    {t('figures.allTime', { count: data.allTime[key] })}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
            <Text size="sm" c="gray.8">
              {t('figures.note')}
            </Text>
            {data.sharesByNetwork.length > 0 ? (
              <Text size="sm">
                {t('figures.byNetwork', {
                  list: data.sharesByNetwork.map((row) => `${t(`networks.${row.network}`)} ${row.shares}`).join(', '),
                })}
              </Text>
            ) : null}
          </Stack>
          <GrowthChart growth={data.growth} />
          <ReachChart reach={data.reach} />
          <Stack gap="xs" component="section" aria-labelledby="impact-featured">
            <Title order={2} size="h3" id="impact-featured">
              {t('featured.title')}
            </Title>
            {data.featured.length === 0 ? (
              <Text>{t('featured.empty')}</Text>
            ) : (
              <List spacing="xs">
                {data.featured.map((story) => (
                  <List.Item key={story.id}>
                    <Anchor href={story.url} target="_blank" rel="noopener noreferrer">
                      {story.title}
                      <VisuallyHidden> {t('featured.newTab')}</VisuallyHidden>
                    </Anchor>
                    {story.publishedAt ? (
                      <Text span size="sm" c="gray.8">
                        {' · '}
                        {formatDate(story.publishedAt)}
                      </Text>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Stack>
      ) : null}
      {hasAnyRole(person, ['admin']) ? <CompanyFollowersForm /> : null}
    </Page>
  );
}
