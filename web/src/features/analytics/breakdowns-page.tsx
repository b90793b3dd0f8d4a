import { NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../../app/page';
import { AnalyticsSubnav } from './analytics-subnav';
import { analyticsUrl, BREAKDOWN_PATH, filterParams, TIMESERIES_PATH, useViewState } from './analytics-api';
import { BREAKDOWNS, type Breakdown } from './analytics-types';
import { BreakdownChart } from './breakdown-chart';
import { ExportViewButton } from './export-view-button';
import { FilterBar } from './filter-bar';
import { TimeseriesChart } from './timeseries-chart';

/** `/analytics/breakdowns`: the figures split by one dimension, over time and against the previous period. */
export default function BreakdownsPage() {
  const { t } = useTranslation('analytics');
  const [state, update] = useViewState();
  const params = filterParams(state.filters);
  return (
    <Page
      title={t('breakdowns.title')}
      actions={
        <ExportViewButton
          view={`by-${state.by}`}
          filters={state.filters}
          parts={[
            { title: t('breakdowns.chartTitle', { metric: t('breakdowns.allFigures'), dimension: t(`dimension.${state.by}`) }), url: analyticsUrl(BREAKDOWN_PATH, { ...params, by: state.by }, true) },
            { title: t('series.title'), url: analyticsUrl(TIMESERIES_PATH, { ...params, interval: state.interval }, true) },
          ]}
        />
      }
    >
      <AnalyticsSubnav />
      <Text>{t('breakdowns.intro')}</Text>
      <FilterBar state={state} update={update} />
      <NativeSelect
        label={t('breakdowns.by')}
        value={state.by}
        onChange={(event) => update({ by: event.currentTarget.value as Breakdown })}
        data={BREAKDOWNS.map((by) => ({ value: by, label: t(`filters.${by}`) }))}
        maw={360}
      />
      <Stack gap="xl">
        <BreakdownChart state={state} />
        <TimeseriesChart state={state} onInterval={(interval) => update({ interval })} />
      </Stack>
    </Page>
  );
}
