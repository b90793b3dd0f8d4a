import { Badge, NativeSelect, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ListQueryStatus, Page } from '../../app/page';
import { type ReportRow, useReport } from './nudges-api';
import { NudgesSubnav } from './nudges-subnav';

// At least 3:1 against white (WCAG 1.4.11); nudged solid, holdout hatched-looking grey, told apart by the legend and the table too.
const COLOURS = { nudged: '#1864ab', holdout: '#868e96' };
const PERIODS = [30, 90, 180, 365] as const;

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`);

/** Rows of one template summed over personas (the chart's bars). */
function byTemplate(rows: ReportRow[]) {
  const sums = new Map<string, { sent: number; holdout: number; sharedAfterNudge: number; sharedInHoldout: number }>();
  for (const row of rows) {
    const sum = sums.get(row.templateKey) ?? { sent: 0, holdout: 0, sharedAfterNudge: 0, sharedInHoldout: 0 };
    sum.sent += row.sent;
    sum.holdout += row.holdout;
    sum.sharedAfterNudge += row.sharedAfterNudge;
    sum.sharedInHoldout += row.sharedInHoldout;
    sums.set(row.templateKey, sum);
  }
  return [...sums.entries()].map(([key, sum]) => ({
    key,
    nudged: sum.sent > 0 ? Math.round((sum.sharedAfterNudge / sum.sent) * 1000) / 10 : 0,
    holdout: sum.holdout > 0 ? Math.round((sum.sharedInHoldout / sum.holdout) * 1000) / 10 : 0,
  }));
}

/** `/admin/nudges/report`: per template and persona, did nudging lead to more sharing than in the holdout group? */
export default function ReportPage() {
  const { t } = useTranslation('nudges');
  const [days, setDays] = useState<number>(90);
  const report = useReport(days);
  const rows = report.data?.rows ?? [];
  const chart = byTemplate(rows);
  return (
    <Page title={t('report.title')} width={1100}>
      <NudgesSubnav />
      <Text>{t('report.intro', { nudged: report.data?.minimumNudged ?? 30, holdout: report.data?.minimumHoldout ?? 10 })}</Text>
      <Group>
        <NativeSelect
          label={t('report.period')}
          data={PERIODS.map((value) => ({ value: String(value), label: t('report.days', { count: value }) }))}
          value={String(days)}
          onChange={(e) => setDays(Number(e.currentTarget.value))}
        />
      </Group>
      <ListQueryStatus query={report} summary={t('report.shown', { count: rows.length })} />
      {chart.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="nudge-report-chart">
          <Title order={2} size="h3" id="nudge-report-chart">
            {t('report.chartTitle')}
          </Title>
          {/* The chart repeats the table below for sighted readers; assistive technology reads the table. */}
          <div aria-hidden="true" style={{ width: '100%', height: Math.max(220, chart.length * 44) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={chart} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#dee2e6" horizontal={false} />
                <XAxis type="number" unit=" %" tick={{ fontSize: 12, fill: '#495057' }} />
                <YAxis type="category" dataKey="key" width={150} tick={{ fontSize: 12, fill: '#495057' }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} />
                <Bar dataKey="nudged" name={t('report.nudged')} fill={COLOURS.nudged} isAnimationActive={false} />
                <Bar dataKey="holdout" name={t('report.holdoutGroup')} fill={COLOURS.holdout} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Stack>
      ) : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder>
            <Table.Caption>{t('report.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(['template', 'persona', 'decided', 'sent', 'holdout', 'opened', 'clicked', 'rateNudged', 'rateHoldout', 'uplift'] as const).map((column) => (
                  <Table.Th key={column} scope="col">
                    {t(`report.columns.${column}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.templateKey}:${row.persona}`}>
                  <Table.Th scope="row" fw={400}>
                    <code>{row.templateKey}</code>
                  </Table.Th>
                  <Table.Td>{t(`personas.${row.persona}`)}</Table.Td>
                  <Table.Td ta="right">{row.decided}</Table.Td>
                  <Table.Td ta="right">{row.sent}</Table.Td>
                  <Table.Td ta="right">{row.holdout}</Table.Td>
                  <Table.Td ta="right">{row.opened}</Table.Td>
                  <Table.Td ta="right">{row.clicked}</Table.Td>
                  <Table.Td ta="right">{percent(row.shareRateNudged)}</Table.Td>
                  <Table.Td ta="right">{percent(row.shareRateHoldout)}</Table.Td>
                  <Table.Td ta="right">
                    {row.tooFewToSay ? (
                      <Badge color="gray" variant="light">
                        {t('report.tooFew')}
                      </Badge>
                    ) : (
                      t('report.points', { value: row.upliftPoints ?? 0 })
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
