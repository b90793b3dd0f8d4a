import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { FiguresTable } from '../../lib/figures-table';
import type { OverviewFigures } from './analytics-types';
import { CsvLink } from './csv-link';
import { useFormat } from './format';

/** Earned media value with the assumptions it rests on, right next to the figure. */
export function EarnedMediaValue({ overview, csvUrl }: { overview: OverviewFigures; csvUrl: string }) {
  const { t } = useTranslation('analytics');
  const { number, money } = useFormat();
  const emv = overview.earnedMediaValue;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="analytics-emv">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="analytics-emv">
            {t('emv.title')}
          </Title>
          <CsvLink href={csvUrl} name={t('emv.title')} />
        </Group>
        <Text fz={22} fw={700}>
          {t('emv.summary', { amount: money(emv.amount, emv.currency) })}
        </Text>
        <Text fw={600} size="sm">
          {t('emv.assumptions')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('emv.costPerClick', { value: money(emv.costPerClick, emv.currency), clicks: number(overview.clicks.human) })}</List.Item>
          <List.Item>
            {t('emv.costPerThousand', { value: money(emv.costPerThousandImpressions, emv.currency), impressions: number(emv.impressions) })}
          </List.Item>
          <List.Item>{t('emv.impressionsPerMember', { percent: number(emv.impressionsPerNetworkMember * 100, 1) })}</List.Item>
        </List>
        <Text size="sm" c="gray.8">
          {t('emv.settings')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The sharers' estimated reach next to the company page's followers: two bars, a sentence, and a table. */
export function ReachComparison({ overview }: { overview: OverviewFigures }) {
  const { t } = useTranslation('analytics');
  const { number } = useFormat();
  const { reach } = overview;
  const data = [
    { name: t('reach.estimated'), value: reach.estimated, colour: '#1864ab' },
    ...(reach.companyFollowers !== null ? [{ name: t('reach.company'), value: reach.companyFollowers, colour: '#5f3dc4' }] : []),
  ];
  const sentence =
    reach.companyFollowers === null
      ? t('reach.companyUnknown')
      : reach.companyFollowers > 0
        ? t('reach.ratio', { times: number(reach.estimated / reach.companyFollowers, 1) })
        : null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="analytics-reach">
      <Title order={2} size="h3" id="analytics-reach">
        {t('reach.title')}
      </Title>
      {sentence ? <Text>{sentence}</Text> : null}
      <Text size="sm" c="gray.8">
        {t('reach.how', { known: number(reach.sharersWithKnownNetwork), defaultSize: number(reach.defaultNetworkSize) })}
      </Text>
      {data.length > 0 ? (
        <>
          <div style={{ width: '100%', height: 64 + data.length * 48 }} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 72, bottom: 8, left: 8 }}>
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 13, fill: '#212529' }} />
                <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]}>
                  {data.map((entry) => (
                    <Cell key={entry.name} fill={entry.colour} />
                  ))}
                  <LabelList dataKey="value" position="right" formatter={(value: unknown) => number(Number(value))} style={{ fontSize: 13, fill: '#212529' }} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable summary={t('reach.table')} caption={t('reach.caption')} columns={[t('reach.who'), t('reach.people')]} rows={data.map((entry) => [entry.name, number(entry.value)])} />
        </>
      ) : null}
    </Stack>
  );
}
