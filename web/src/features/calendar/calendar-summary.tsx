import { Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/page';
import { api, query } from '../../lib/api';
import { StorySection } from '../stories/story-section';
import type { CalendarSummary } from './calendar-api';

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;
}

function departmentName(department: CalendarSummary['coverage']['neverFeatured'][number]['department']) {
  if (!department) return null;
  return typeof department === 'string' ? department : department.name;
}

/** The yearly storytelling target and podium coverage (who got the stage this year). */
export function CalendarSummarySection({ year }: { year: number }) {
  const { t } = useTranslation('editorial');
  const summary = useQuery({
    queryKey: ['calendar', 'summary', year],
    queryFn: () => api<CalendarSummary>(`/api/v1/calendar/summary${query({ year })}`),
  });

  if (summary.isPending) return <PageLoader />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const { target, published, remaining, coverage } = summary.data;
  const departments = [...coverage.byDepartment].sort(
    (a, b) => percent(a.featuredPeople, a.people) - percent(b.featuredPeople, b.people),
  );

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <StorySection title={t('calendar.target.title', { year })}>
        <Text size="xl" fw={700}>
          {t('calendar.target.progress', { published, target })}
        </Text>
        <Progress.Root size="xl">
          <Progress.Section
            value={percent(published, target)}
            aria-label={t('calendar.target.barLabel', { year })}
            aria-valuetext={t('calendar.target.progress', { published, target })}
          />
        </Progress.Root>
        <Text>
          {remaining > 0 ? t('calendar.target.toGo', { count: remaining }) : t('calendar.target.reached')}
        </Text>
      </StorySection>

      <StorySection title={t('calendar.coverage.title', { year })}>
        <Text size="xl" fw={700}>
          {t('calendar.coverage.featured', { count: coverage.featuredPeople })}
        </Text>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('calendar.coverage.byDepartment')}
          </Title>
          {departments.length === 0 ? <Text size="sm">{t('calendar.coverage.noDepartments')}</Text> : null}
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {departments.map((row) => {
              const name = row.department?.name ?? t('calendar.coverage.noDepartment');
              const text = t('calendar.coverage.departmentCount', {
                featured: row.featuredPeople,
                people: row.people,
              });
              return (
                <li key={row.department?.id ?? 'none'}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                    <Text size="sm">{text}</Text>
                  </Group>
                  <Progress.Root size="md">
                    <Progress.Section
                      value={percent(row.featuredPeople, row.people)}
                      aria-label={name}
                      aria-valuetext={text}
                    />
                  </Progress.Root>
                </li>
              );
            })}
          </Stack>
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('calendar.coverage.neverFeatured', { count: coverage.neverFeaturedCount })}
          </Title>
          {coverage.neverFeatured.length === 0 ? (
            <Text size="sm">{t('calendar.coverage.everyoneFeatured')}</Text>
          ) : (
            <Stack component="ul" gap={2} pl="md" m={0} display="block" style={{ columns: '2 12rem' }}>
              {coverage.neverFeatured.map((person) => {
                const department = departmentName(person.department);
                return (
                  <Text component="li" size="sm" key={person.id}>
                    {person.name}
                    {department ? ` · ${department}` : ''}
                  </Text>
                );
              })}
            </Stack>
          )}
          {coverage.neverFeaturedCount > coverage.neverFeatured.length ? (
            <Text size="sm">
              {t('calendar.coverage.andMore', { count: coverage.neverFeaturedCount - coverage.neverFeatured.length })}
            </Text>
          ) : null}
        </Stack>
      </StorySection>
    </SimpleGrid>
  );
}
