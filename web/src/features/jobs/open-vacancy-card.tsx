import { Anchor, Badge, Button, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import classes from '../feed/feed.module.css';
import { ThemeBadges } from '../feed/theme-badges';
import { type OpenVacancy, vacancyPagePath } from './jobs-api';

/** High and critical urgency: the vacancies where a colleague's share helps most. */
export const isUrgent = (vacancy: Pick<OpenVacancy, 'urgency'>): boolean => vacancy.urgency === 'high' || vacancy.urgency === 'critical';

/** One open vacancy: title, where and what, themes, an urgent badge when it is, and a Share button. */
export function OpenVacancyCard({
  vacancy,
  onShare,
  preparing,
}: {
  vacancy: OpenVacancy;
  /** Null when the person does not share (not an active ambassador). */
  onShare: (() => void) | null;
  /** True while the share kit loads. */
  preparing: boolean;
}) {
  const { t } = useTranslation('ambassador');
  const headingId = useId();
  const facts = [vacancy.department, vacancy.location, vacancy.employmentType].filter((fact): fact is string => Boolean(fact));

  return (
    <Card component="article" withBorder padding="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        {isUrgent(vacancy) ? (
          <Group>
            <Badge color="red.9" variant="filled" tt="none" size="lg">
              {t('jobs.urgent')}
            </Badge>
          </Group>
        ) : null}
        <Title order={2} size="h4" id={headingId} className={classes.wrap}>
          {vacancy.title}
        </Title>
        {facts.length > 0 ? <Text className={classes.wrap}>{facts.join(' · ')}</Text> : null}
        <ThemeBadges themes={vacancy.themes} label={t('jobs.themes')} />
        <Group gap="md" mt="xs" justify="space-between" wrap="wrap">
          {onShare ? (
            <Button size="lg" onClick={onShare} loading={preparing} aria-haspopup="dialog" aria-describedby={headingId}>
              {t('jobs.share')}
            </Button>
          ) : null}
          <Anchor
            href={vacancyPagePath(vacancy.slug)}
            target="_blank"
            rel="noopener noreferrer"
            aria-describedby={headingId}
            className={classes.readLink}
          >
            {t('jobs.view')} <VisuallyHidden>{t('jobs.newTab')}</VisuallyHidden>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
