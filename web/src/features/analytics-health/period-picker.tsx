import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_DAYS, type PeriodDays } from './health-types';

/** The period of a dashboard: the last 4, 13 or 52 weeks. */
export function PeriodPicker({ value, onChange }: { value: PeriodDays; onChange: (days: PeriodDays) => void }) {
  const { t } = useTranslation('analyticsHealth');
  const id = useId();
  return (
    <Stack gap={4}>
      <Text fw={600} id={id}>
        {t('period.label')}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={String(value)}
        onChange={(next) => onChange(Number(next) as PeriodDays)}
        data={PERIOD_DAYS.map((days) => ({ value: String(days), label: t(`period.days${days}`) }))}
        fullWidth
        size="md"
      />
    </Stack>
  );
}

/** A fraction as a percentage with one decimal, or a dash. */
export function percent(value: number | null, language: string): string {
  return value === null ? '–' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}
