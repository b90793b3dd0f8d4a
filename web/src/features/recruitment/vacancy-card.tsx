import { Anchor, Badge, Card, Group, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import type { Theme } from '../stories/stories-api';
import { publicVacancyPage, vacancyPage } from './paths';
import { isUrgency, URGENCIES, type Urgency, usePatchVacancy, type Vacancy, type VacancyPatch } from './recruitment-api';
import classes from './recruitment.module.css';

// Light badges use shade 9 text on shade 1; these colours keep that above 4.5:1 (orange and teal do not).
const URGENCY_COLOURS: Record<Urgency, string> = { low: 'gray', normal: 'blue', high: 'grape', critical: 'red' };

/** How urgent a vacancy is, as a badge. */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation('recruitment');
  return (
    <Badge color={URGENCY_COLOURS[urgency]} variant="light" tt="none">
      {t(`urgency.${urgency}`)}
    </Badge>
  );
}

const MAX_OPENINGS = 10_000;

/** One vacancy: its facts, and (for recruitment) urgency, openings and themes, saved as they change. */
export function VacancyCard({ vacancy, themes, canEdit }: { vacancy: Vacancy; themes: Theme[]; canEdit: boolean }) {
  const { t } = useTranslation('recruitment');
  const headingId = useId();
  const patch = usePatchVacancy(vacancy.id);
  const [openings, setOpenings] = useState<string | number>(vacancy.openings);
  // A saved (or refetched) number replaces what was typed; adjusting state while rendering keeps focus.
  const [savedOpenings, setSavedOpenings] = useState(vacancy.openings);
  if (savedOpenings !== vacancy.openings) {
    setSavedOpenings(vacancy.openings);
    setOpenings(vacancy.openings);
  }
  const forTitle = <VisuallyHidden>{t('common.for', { name: vacancy.title })}</VisuallyHidden>;

  const save = (change: VacancyPatch) =>
    patch.mutate(change, { onSuccess: () => showSuccess(t('vacancies.saved', { title: vacancy.title })) });

  const openingsValid = typeof openings === 'number' && Number.isInteger(openings) && openings >= 1 && openings <= MAX_OPENINGS;
  const commitOpenings = () => {
    if (openingsValid && openings !== vacancy.openings) save({ openings });
  };

  // While a change is on its way, show it rather than the value it replaces.
  const urgency = (patch.isPending ? patch.variables.urgency : undefined) ?? vacancy.urgency;
  const themeIds = (patch.isPending ? patch.variables.themeIds : undefined) ?? vacancy.themeIds;
  const themeName = new Map(themes.map((theme) => [theme.id, theme.name]));
  const themeOptions = themes
    .filter((theme) => theme.active || vacancy.themeIds.includes(theme.id))
    .map((theme) => ({ value: theme.id, label: theme.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const facts = [vacancy.department, vacancy.location, vacancy.employmentType].filter(Boolean).join(' · ');

  return (
    <Card component="article" withBorder padding="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId} className={classes.wrap}>
            <Anchor component={Link} to={vacancyPage(vacancy.id)} inherit>
              {vacancy.title}
            </Anchor>
          </Title>
          <Group gap="xs">
            {vacancy.status === 'closed' ? (
              <Badge color="gray" variant="light" tt="none">
                {t('vacancyStatus.closed')}
              </Badge>
            ) : null}
            {canEdit ? null : <UrgencyBadge urgency={vacancy.urgency} />}
          </Group>
        </Group>
        {facts ? <Text className={classes.wrap}>{facts}</Text> : null}
        <Text size="sm" c="gray.8">
          {vacancy.closedAt
            ? t('vacancies.closedAt', { date: formatDate(vacancy.closedAt) })
            : t('vacancies.openedAt', { date: formatDate(vacancy.openedAt) })}
        </Text>

        {canEdit ? (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <NativeSelect
                label={
                  <>
                    {t('vacancies.urgency')} {forTitle}
                  </>
                }
                data={URGENCIES.map((value) => ({ value, label: t(`urgency.${value}`) }))}
                value={urgency}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  if (isUrgency(value) && value !== vacancy.urgency) save({ urgency: value });
                }}
              />
              <NumberInput
                label={
                  <>
                    {t('vacancies.openings')} {forTitle}
                  </>
                }
                min={1}
                max={MAX_OPENINGS}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                value={openings}
                onChange={setOpenings}
                onBlur={commitOpenings}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') commitOpenings();
                }}
                error={openingsValid ? undefined : t('vacancies.openingsInvalid')}
              />
            </SimpleGrid>
            <MultiSelect
              label={
                <>
                  {t('vacancies.themes')} {forTitle}
                </>
              }
              description={vacancy.themesOverridden ? t('vacancies.themesByHandHelp') : t('vacancies.themesHelp')}
              data={themeOptions}
              value={themeIds}
              onChange={(next) => save({ themeIds: next })}
              searchable
              nothingFoundMessage={t('vacancies.nothingFound')}
              maxValues={20}
            />
          </>
        ) : (
          <>
            <Text>
              {t('vacancies.openings')}: {vacancy.openings}
            </Text>
            {vacancy.themeIds.length > 0 ? (
              <Group gap={6} component="ul" aria-label={t('vacancies.themes')} className={classes.plainList}>
                {vacancy.themeIds.map((id) => (
                  <li key={id}>
                    <Badge color="blue" variant="light" tt="none">
                      {themeName.get(id) ?? id}
                    </Badge>
                  </li>
                ))}
              </Group>
            ) : (
              <Text size="sm">{t('vacancies.noThemes')}</Text>
            )}
          </>
        )}

        <Group gap="lg">
          <Anchor component={Link} to={vacancyPage(vacancy.id)} aria-describedby={headingId}>
            {t('vacancies.funnel')}
          </Anchor>
          <Anchor href={publicVacancyPage(vacancy.slug)} target="_blank" rel="noopener noreferrer" aria-describedby={headingId}>
            {t('vacancies.publicPage')} <VisuallyHidden>{t('common.newTab')}</VisuallyHidden>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
