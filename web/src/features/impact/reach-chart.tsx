import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { FiguresTable } from '../../lib/figures-table';
import classes from './impact.module.css';
import type { Impact } from './impact-types';

/** My LinkedIn reach next to the company page's followers: two bars, a sentence, and the figures as a table. */
export function ReachChart({ reach }: { reach: Impact['reach'] }) {
  const { t, i18n } = useTranslation('impact');
  const number = (n: number) => new Intl.NumberFormat(i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB').format(n);
  const company = reach.company.linkedin;
  const mineLabel = reach.source === 'colleagues_median' ? t('reach.mineEstimated') : t('reach.mine');
  const data = [
    ...(reach.mine !== null ? [{ name: mineLabel, value: reach.mine, colour: '#1864ab' }] : []),
    ...(company !== null ? [{ name: t('reach.company'), value: company, colour: '#5f3dc4' }] : []),
  ];
  const sentence =
    reach.mine !== null && company !== null && reach.ratio !== null
      ? t('reach.ratio', { percent: number(Math.round(reach.ratio * 1000) / 10) })
      : reach.mine === null
        ? t('reach.mineUnknown')
        : t('reach.companyUnknown');
  return (
    <Stack gap="xs" component="section" aria-labelledby="impact-reach">
      <Title order={2} size="h3" id="impact-reach">
        {t('reach.title')}
      </Title>
      <Text>{sentence}</Text>
      <Text size="sm" c="gray.8">
        {t(`reach.source.${reach.source}`)}
      </Text>
      {data.length > 0 ? (
        <>
          <div className={classes.chart} style={{ height: 64 + data.length * 48 }} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 56, bottom: 8, left: 8 }}>
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 13, fill: '#212529' }} />
                <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]}>
                  {data.map((entry) => (
                    <Cell key={entry.name} fill={entry.colour} />
                  ))}
                  <LabelList dataKey="value" position="right" formatter={(value: unknown) => number(Number(value))} style={{ fontSize: 13, fill: '#212529' }} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable
            summary={t('reach.table')}
            caption={t('reach.caption')}
            columns={[t('reach.who'), t('reach.people')]}
            rows={data.map((entry) => [entry.name, number(entry.value)])}
          />
        </>
      ) : null}
    </Stack>
  );
}
