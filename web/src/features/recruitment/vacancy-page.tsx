import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { publicVacancyPage, VACANCIES_PAGE } from './paths';
import { useVacancyFunnel, type VacancyFunnel } from './recruitment-api';
import classes from './recruitment.module.css';

function percent(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** One step of the funnel: a label, a count and what it means. */
function Step({ label, value, note }: { label: string; value: number; note?: string }) {
  return (
    <Paper withBorder p="sm" component="li">
      <Text size="sm" c="gray.8">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note ? (
        <Text size="sm" c="gray.8">
          {note}
        </Text>
      ) : null}
    </Paper>
  );
}

/** "From" and "To" days for the funnel, kept in the URL so a view can be shared. */
function RangeForm({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  const { t } = useTranslation('recruitment');
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draftFrom, draftTo);
  };
  return (
    <form onSubmit={onSubmit} aria-label={t('vacancy.range')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label={t('vacancy.from')} value={draftFrom} max={draftTo || undefined} onChange={(event) => setDraftFrom(event.currentTarget.value)} />
        <TextInput type="date" label={t('vacancy.to')} value={draftTo} min={draftFrom || undefined} onChange={(event) => setDraftTo(event.currentTarget.value)} />
        <Button type="submit" variant="default">
          {t('vacancy.apply')}
        </Button>
        {from || to ? (
          <Button
            variant="subtle"
            onClick={() => {
              setDraftFrom('');
              setDraftTo('');
              onApply('', '');
            }}
          >
            {t('vacancy.clear')}
          </Button>
        ) : null}
      </Group>
    </form>
  );
}

function FunnelView({ data }: { data: VacancyFunnel }) {
  const { t, i18n } = useTranslation('recruitment');
  const { funnel, advocacy } = data;
  const language = i18n.resolvedLanguage ?? 'en';

  return (
    <>
      <Stack gap="sm" component="section" aria-labelledby="vacancy-funnel-title">
        <Title order={2} size="h3" id="vacancy-funnel-title">
          {t('vacancy.funnelTitle')}
        </Title>
        <Text>{t('vacancy.funnelIntro')}</Text>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="ol" className={classes.plainList}>
          <Step label={t('vacancy.shares')} value={funnel.shares} note={t('vacancy.sharesBy', { count: funnel.ambassadors })} />
          <Step label={t('vacancy.humanClicks')} value={funnel.humanClicks} note={t('vacancy.humanClicksHelp')} />
          <Step label={t('vacancy.applyStarted')} value={funnel.applyStarted} />
          <Step label={t('vacancy.applications')} value={funnel.applications} />
          <Step label={t('vacancy.hires')} value={funnel.hires} />
        </SimpleGrid>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="vacancy-advocacy-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="vacancy-advocacy-title">
              {t('vacancy.advocacyTitle')}
            </Title>
            <Text>
              {data.advocacyShare === null
                ? t('vacancy.advocacyNone')
                : t('vacancy.advocacyShare', {
                    percent: percent(data.advocacyShare, language),
                    advocacy: advocacy.applications,
                    total: funnel.applications,
                  })}
            </Text>
            {data.advocacyShare !== null ? (
              <Text size="sm" c="gray.8">
                {t('vacancy.advocacyDetail', {
                  viaVacancy: advocacy.applicationsViaVacancyShares,
                  viaStory: advocacy.applicationsViaStoryShares,
                  hires: advocacy.hires,
                })}
              </Text>
            ) : null}
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="vacancy-fill-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="vacancy-fill-title">
              {t('vacancy.timeToFill')}
            </Title>
            <Text>
              {data.timeToFillDays === null
                ? t('vacancy.notFilled')
                : data.filledBy === 'hire'
                  ? t('vacancy.filledByHire', { count: Math.round(data.timeToFillDays) })
                  : t('vacancy.filledByClosing', { count: Math.round(data.timeToFillDays) })}
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="vacancy-ambassadors-title">
        <Title order={2} size="h3" id="vacancy-ambassadors-title">
          {t('vacancy.ambassadorsTitle')}
        </Title>
        {data.byAmbassador.length === 0 ? <Text>{t('vacancy.noAmbassadors')}</Text> : null}
        {data.byAmbassador.length > 0 ? (
          <Table.ScrollContainer minWidth={520} type="native">
            <Table verticalSpacing="sm">
              <Table.Caption>{t('vacancy.ambassadorsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('vacancy.ambassador')}</Table.Th>
                  <Table.Th scope="col">{t('vacancy.shares')}</Table.Th>
                  <Table.Th scope="col">{t('vacancy.humanClicks')}</Table.Th>
                  <Table.Th scope="col">{t('vacancy.applications')}</Table.Th>
                  <Table.Th scope="col">{t('vacancy.hires')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.byAmbassador.map((row) => (
                  <Table.Tr key={row.person.id}>
                    <Table.Th scope="row" fw={500}>
                      {row.person.name}
                    </Table.Th>
                    <Table.Td>{row.shares}</Table.Td>
                    <Table.Td>{row.humanClicks}</Table.Td>
                    <Table.Td>{row.applications}</Table.Td>
                    <Table.Td>{row.hires}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {data.unlistedAmbassadors > 0 ? (
          <Text size="sm" c="gray.8">
            {t('vacancy.unlisted', { count: data.unlistedAmbassadors })}
          </Text>
        ) : null}
      </Stack>
    </>
  );
}

/** `/recruitment/vacancies/:id`: one vacancy's referral funnel, time to fill and each ambassador's part. */
export default function VacancyPage() {
  const { t } = useTranslation('recruitment');
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const from = searchParams.get('from') ?? '';
  const to = searchParams.get('to') ?? '';
  const stats = useVacancyFunnel(id, { from, to });
  const vacancy = stats.data?.vacancy;

  const back = (
    <Anchor component={Link} to={VACANCIES_PAGE}>
      {t('vacancy.back')}
    </Anchor>
  );
  if (stats.isPending) return <PageLoader />;
  if (stats.isError || !vacancy) {
    return (
      <Page title={t('vacancy.title')} width={900}>
        {back}
        <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      </Page>
    );
  }

  const status = t(`vacancyStatus.${vacancy.status}`);
  return (
    <Page title={vacancy.title} width={900}>
      <Group gap="lg">
        {back}
        <Anchor href={publicVacancyPage(vacancy.slug)} target="_blank" rel="noopener noreferrer">
          {t('vacancies.publicPage')} <VisuallyHidden>{t('common.newTab')}</VisuallyHidden>
        </Anchor>
      </Group>
      <Text>
        {vacancy.closedAt
          ? t('vacancy.detailsClosed', {
              status,
              openings: vacancy.openings,
              opened: formatDate(vacancy.openedAt),
              closed: formatDate(vacancy.closedAt),
            })
          : t('vacancy.details', { status, openings: vacancy.openings, opened: formatDate(vacancy.openedAt) })}
      </Text>
      <RangeForm
        key={`${from}|${to}`}
        from={from}
        to={to}
        onApply={(nextFrom, nextTo) =>
          setSearchParams(
            {
              ...(nextFrom ? { from: nextFrom } : {}),
              ...(nextTo ? { to: nextTo } : {}),
            },
            { replace: true },
          )
        }
      />
      <FunnelView data={stats.data} />
    </Page>
  );
}
