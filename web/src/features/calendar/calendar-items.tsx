import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { storyPage } from '../stories/stories-api';
import { StoryStatusBadge } from '../stories/story-badges';
import type { CalendarItem } from './calendar-api';

/** The stories of one day, each with its status badge. */
export function CalendarItems({ items }: { items: CalendarItem[] }) {
  const { t } = useTranslation('editorial');
  if (items.length === 0) return null;
  return (
    <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={`${item.id}-${item.kind}`}>
          <Stack gap={2}>
            <Anchor component={Link} to={storyPage(item.id)} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {item.title}
            </Anchor>
            <Group gap={4}>
              <StoryStatusBadge status={item.status} />
              <Text span size="xs">
                {t(`calendar.kind.${item.kind}`)}
              </Text>
            </Group>
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
