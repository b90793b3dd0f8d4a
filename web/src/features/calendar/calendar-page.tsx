import { Button, Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { addDays, parseIsoDate, startOfWeek, toIsoDate } from '../../lib/local-date';
import type { CalendarItem, CalendarView } from './calendar-api';
import { CalendarItems } from './calendar-items';
import { CalendarSummarySection } from './calendar-summary';

/** The days shown for a view around `anchor`: a whole month in full weeks, or one week. */
function visibleDays(view: CalendarView, anchor: Date): Date[] {
  if (view === 'week') {
    const monday = startOfWeek(anchor);
    return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
  }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1, 12);
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0, 12);
  const start = startOfWeek(first);
  const days: Date[] = [];
  for (let day = start; day <= last || days.length % 7 !== 0; day = addDays(day, 1)) days.push(day);
  return days;
}

function shift(view: CalendarView, anchor: Date, direction: 1 | -1): Date {
  if (view === 'week') return addDays(anchor, 7 * direction);
  return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1, 12);
}

/** `/calendar`: planned and published stories per month or week, the yearly target and coverage. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation('editorial');
  const locale = i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB';
  const [searchParams, setSearchParams] = useSearchParams();
  const view: CalendarView = searchParams.get('view') === 'week' ? 'week' : 'month';
  const anchor = parseIsoDate(searchParams.get('date') ?? '') ?? parseIsoDate(toIsoDate(new Date())) ?? new Date();
  const days = visibleDays(view, anchor);
  const from = toIsoDate(days[0] ?? anchor);
  const to = toIsoDate(days[days.length - 1] ?? anchor);

  const navigateTo = (nextView: CalendarView, date: Date) =>
    setSearchParams({ view: nextView, date: toIsoDate(date) }, { replace: true });

  const items = useQuery({
    queryKey: ['calendar', from, to],
    queryFn: async () => (await api<ListPage<CalendarItem>>(`/api/v1/calendar${query({ from, to })}`)).items,
  });
  const byDay = new Map<string, CalendarItem[]>();
  for (const item of items.data ?? []) byDay.set(item.date, [...(byDay.get(item.date) ?? []), item]);

  const periodLabel =
    view === 'month'
      ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(anchor)
      : t('calendar.weekOf', {
          from: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(days[0] ?? anchor),
          to: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
            days[6] ?? anchor,
          ),
        });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long' });
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short' });
  const dayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  const today = toIsoDate(new Date());
  const weeks = Array.from({ length: days.length / 7 }, (_, index) => days.slice(index * 7, index * 7 + 7));
  const daysWithItems = days.filter((day) => byDay.has(toIsoDate(day)));

  return (
    <Page title={t('calendar.title')}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('calendar.view')}
          value={view}
          onChange={(next) => navigateTo(next === 'week' ? 'week' : 'month', anchor)}
          data={[
            { value: 'month', label: t('calendar.month') },
            { value: 'week', label: t('calendar.week') },
          ]}
        />
        <Group gap="xs">
          <Button variant="default" onClick={() => navigateTo(view, shift(view, anchor, -1))}>
            {view === 'month' ? t('calendar.previousMonth') : t('calendar.previousWeek')}
          </Button>
          <Button variant="default" onClick={() => navigateTo(view, new Date())}>
            {t('calendar.today')}
          </Button>
          <Button variant="default" onClick={() => navigateTo(view, shift(view, anchor, 1))}>
            {view === 'month' ? t('calendar.nextMonth') : t('calendar.nextWeek')}
          </Button>
        </Group>
      </Group>

      <Stack component="section" aria-labelledby="calendar-period" gap="sm">
        <Title order={2} size="h3" id="calendar-period">
          {periodLabel}
        </Title>
        {items.isPending ? <PageLoader /> : null}
        {items.isError ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
        <Text role="status" aria-live="polite" size="sm">
          {items.isSuccess ? t('calendar.count', { count: items.data.length }) : ''}
        </Text>

        {view === 'month' ? (
          <>
            <Table.ScrollContainer minWidth={720} visibleFrom="sm" type="native">
              <Table withColumnBorders withTableBorder layout="fixed">
                <Table.Caption>{t('calendar.caption', { period: periodLabel })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {(weeks[0] ?? []).map((day) => (
                      <Table.Th scope="col" key={day.getDay()}>
                        <span aria-hidden="true">{weekdayShort.format(day)}</span>
                        <VisuallyHidden>{weekdayLong.format(day)}</VisuallyHidden>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {weeks.map((week) => (
                    <Table.Tr key={toIsoDate(week[0] ?? anchor)}>
                      {week.map((day) => {
                        const iso = toIsoDate(day);
                        const inMonth = day.getMonth() === anchor.getMonth();
                        return (
                          <Table.Td
                            key={iso}
                            valign="top"
                            bg={iso === today ? 'blue.0' : inMonth ? undefined : 'gray.0'}
                            style={{ height: 96 }}
                          >
                            <Stack gap={4}>
                              <Text size="sm" fw={iso === today ? 700 : 500} c={inMonth ? undefined : 'gray.8'}>
                                <span aria-hidden="true">{day.getDate()}</span>
                                <VisuallyHidden>{dayLong.format(day)}</VisuallyHidden>
                              </Text>
                              <CalendarItems items={byDay.get(iso) ?? []} />
                            </Stack>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <DayList
              hiddenFrom="sm"
              days={daysWithItems}
              byDay={byDay}
              format={dayLong}
              emptyText={items.isSuccess ? t('calendar.empty') : ''}
            />
          </>
        ) : (
          <DayList days={days} byDay={byDay} format={dayLong} emptyText="" showEmptyDays />
        )}
      </Stack>

      <CalendarSummarySection year={anchor.getFullYear()} />
    </Page>
  );
}

/** Days as a list with their stories: the week view, and the month view on phones. */
function DayList({
  days,
  byDay,
  format,
  emptyText,
  showEmptyDays = false,
  hiddenFrom,
}: {
  days: Date[];
  byDay: Map<string, CalendarItem[]>;
  format: Intl.DateTimeFormat;
  emptyText: string;
  showEmptyDays?: boolean;
  hiddenFrom?: 'sm';
}) {
  const { t } = useTranslation('editorial');
  if (days.length === 0) {
    return (
      <Text hiddenFrom={hiddenFrom} size="sm">
        {emptyText}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} hiddenFrom={hiddenFrom}>
      {days.map((day) => {
        const iso = toIsoDate(day);
        const dayItems = byDay.get(iso) ?? [];
        return (
          <Stack component="li" key={iso} gap={4} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Text fw={700} size="sm">
              {format.format(day)}
            </Text>
            {dayItems.length > 0 ? (
              <CalendarItems items={dayItems} />
            ) : showEmptyDays ? (
              <Text size="sm" c="gray.8">
                {t('calendar.nothing')}
              </Text>
            ) : null}
          </Stack>
        );
      })}
    </Stack>
  );
}
