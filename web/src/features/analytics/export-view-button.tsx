import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { downloadView, type ExportPart } from './analytics-api';
import { type AnalyticsFilters, FILTER_DIMENSIONS } from './analytics-types';
import { useDimensionOptions } from './filter-bar';

/**
 * "Export this view": every chart of the page for the filters on screen, as one CSV file — the
 * filters first, then each chart's figures exactly as the API's CSV gives them.
 */
export function ExportViewButton({ view, filters, parts }: { view: string; filters: AnalyticsFilters; parts: ExportPart[] }) {
  const { t, i18n } = useTranslation('analytics');
  const options = useDimensionOptions();
  const chosen = FILTER_DIMENSIONS.filter((dimension) => filters[dimension] !== '').map((dimension) => {
    const label = options[dimension].find((option) => option.value === filters[dimension])?.label ?? filters[dimension];
    return `${t(`filters.${dimension}`)}: ${label}`;
  });
  const exporting = useMutation({
    mutationFn: () =>
      downloadView(
        `${t('export.file')}-${view}${filters.from ? `-${filters.from}` : ''}${filters.to ? `-${filters.to}` : ''}.csv`,
        [
          filters.from || filters.to ? [t('export.period'), filters.from, filters.to] : [t('export.period'), t('period.defaultRange')],
          [t('export.filters'), chosen.length > 0 ? chosen.join('; ') : t('export.none')],
        ],
        parts,
        i18n.resolvedLanguage ?? 'en',
      ),
    onError: notifyError,
    meta: { inlineError: true },
  });
  return (
    <Button variant="default" mih={44} loading={exporting.isPending} onClick={() => exporting.mutate()}>
      {t('export.button')}
    </Button>
  );
}
