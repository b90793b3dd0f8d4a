import { Badge, Group } from '@mantine/core';
import classes from './feed.module.css';

/** A card's themes as a labelled list of badges (nothing when there are none). */
export function ThemeBadges({ themes, label }: { themes: readonly { id: string; name: string }[]; label: string }) {
  if (themes.length === 0) return null;
  return (
    <Group gap={6} component="ul" aria-label={label} className={classes.plainList}>
      {themes.map((theme) => (
        <li key={theme.id}>
          <Badge color="blue" variant="light" tt="none" classNames={{ root: classes.wrapBadge, label: classes.wrapBadgeLabel }}>
            {theme.name}
          </Badge>
        </li>
      ))}
    </Group>
  );
}
