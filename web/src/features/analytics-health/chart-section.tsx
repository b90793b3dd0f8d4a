import { Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresTable } from '../../lib/figures-table';

/**
 * One dashboard figure: a heading, a sentence that says what it shows, the chart (kept out of the
 * accessibility tree: the table behind the disclosure carries the same figures) and the CSV file.
 */
export function ChartSection({
  id,
  title,
  description,
  chart,
  table,
  csvHref,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  chart?: ReactNode;
  table?: { caption: string; columns: string[]; rows: (string | number)[][] };
  csvHref: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('analyticsHealth');
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        <Button component="a" href={csvHref} download variant="default" size="xs" mih={44}>
          {t('csv.download')}
          <VisuallyHidden> {t('csv.of', { name: title })}</VisuallyHidden>
        </Button>
      </Group>
      {description ? <Text c="gray.8">{description}</Text> : null}
      {children}
      {chart}
      {table ? <FiguresTable summary={t('table.show')} caption={table.caption} columns={table.columns} rows={table.rows} /> : null}
    </Stack>
  );
}

/** A row of headline figures. */
export function Figure({ label, value, note }: { label: string; value: string | number; note?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="gray.8">
        {label}
      </Text>
      <Text fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note ? (
        <Text size="xs" c="gray.8">
          {note}
        </Text>
      ) : null}
    </Stack>
  );
}
