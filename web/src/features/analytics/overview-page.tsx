import { Alert, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { AnalyticsSubnav } from './analytics-subnav';
import { MIN_GROUP, shownFigures } from './analytics-types';
import { analyticsUrl, filterParams, OVERVIEW_PATH, TIMESERIES_PATH, useOverview, useViewState } from './analytics-api';
import { CsvLink } from './csv-link';
import { ExportViewButton } from './export-view-button';
import { FilterBar } from './filter-bar';
import { AnalyticsSettingsForm } from './settings-form';
import { useFormat } from './format';
import { KpiCards } from './kpi-cards';
import { TimeseriesChart } from './timeseries-chart';
import { EarnedMediaValue, ReachComparison } from './value-and-reach';

/** `/analytics`: what advocacy brought in a period, compared with the period before, for editors and admins. */
export default function OverviewPage() {
  const { t } = useTranslation('analytics');
  const { number } = useFormat();
  const [state, update] = useViewState();
  const person = useCurrentPerson();
  const overview = useOverview(state.filters);
  const data = overview.data;
  const figures = shownFigures(data);
  const previous = shownFigures(data?.previous);
  const params = filterParams(state.filters);
  const overviewCsv = analyticsUrl(OVERVIEW_PATH, params, true);
  return (
    <Page
      title={t('overview.title')}
      actions={
        <ExportViewButton
          view="overview"
          filters={state.filters}
          parts={[
            { title: t('overview.figures'), url: overviewCsv },
            { title: t('series.title'), url: analyticsUrl(TIMESERIES_PATH, { ...params, interval: state.interval }, true) },
          ]}
        />
      }
    >
      <AnalyticsSubnav />
      <Text>{t('overview.intro')}</Text>
      <FilterBar state={state} update={update} />
      {overview.isPending ? <PageLoader /> : null}
      {overview.isError ? <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} /> : null}
      {data ? (
        <Stack gap="xl">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Text fw={600} role="status" aria-live="polite">
                {t('period.range', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}
              </Text>
              {data.previousPeriod ? (
                <Text size="sm" c="gray.8">
                  {t('period.previous', { from: formatDate(data.previousPeriod.from), to: formatDate(data.previousPeriod.to) })}
                </Text>
              ) : null}
            </Stack>
            <CsvLink href={overviewCsv} name={t('overview.figures')} />
          </Group>
          {figures ? (
            <>
              <KpiCards overview={figures} previous={previous} previousHidden={data.previous?.suppressed === true} />
              {figures.touchpoints.median !== null ? <Text size="sm">{t('touchpoints.median', { median: number(figures.touchpoints.median, 1) })}</Text> : null}
            </>
          ) : (
            <Alert color="gray">{t('overview.suppressed', { min: MIN_GROUP })}</Alert>
          )}
          <TimeseriesChart state={state} onInterval={(interval) => update({ interval })} />
          {figures ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <EarnedMediaValue overview={figures} csvUrl={overviewCsv} />
              <ReachComparison overview={figures} />
            </SimpleGrid>
          ) : null}
        </Stack>
      ) : null}
      {hasAnyRole(person, ['admin']) ? <AnalyticsSettingsForm /> : null}
    </Page>
  );
}
