import { Anchor, AspectRatio, Badge, Button, Card, Group, Image, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedReasons } from '../recruitment/feed-reasons';
import type { FeedCard as FeedCardData } from '../sharing/sharing-types';
import classes from './feed.module.css';
import { ThemeBadges } from './theme-badges';

/** One story in the feed: image, headline and teaser for the chosen audience, and a Share button. */
export function FeedCard({ card, onShare }: { card: FeedCardData; onShare: (() => void) | null }) {
  const { t } = useTranslation('ambassador');
  const headingId = useId();
  const { story, campaign } = card;
  const image = story.heroImage;

  return (
    <Card
      component="article"
      withBorder
      padding="md"
      aria-labelledby={headingId}
      className={campaign ? classes.campaignCard : undefined}
    >
      {image ? (
        <Card.Section>
          <AspectRatio ratio={1200 / 627}>
            <Image src={image.shareUrl} alt={image.altText ?? ''} loading="lazy" />
          </AspectRatio>
        </Card.Section>
      ) : null}
      <Stack gap="xs" mt={image ? 'md' : 0}>
        {campaign ? (
          <Badge color="grape" variant="light" tt="none" size="lg" classNames={{ root: classes.wrapBadge, label: classes.wrapBadgeLabel }}>
            {t('feed.campaign', { name: campaign.name })}
          </Badge>
        ) : null}
        <Title order={2} size="h4" id={headingId} className={classes.wrap}>
          {card.headline || story.title}
        </Title>
        <Text className={classes.wrap}>{card.teaser}</Text>
        <ThemeBadges themes={story.themes} label={t('feed.themes')} />
        <FeedReasons reasons={card.reasons} sharedByMe={card.sharedByMe} />
        {card.sharedByMe > 0 || card.colleagueShares > 0 ? (
          <Text size="sm" c="dimmed">
            {[
              card.sharedByMe > 0 ? t('feed.sharedByMe', { count: card.sharedByMe }) : null,
              card.colleagueShares > 0 ? t('feed.colleagueShares', { count: card.colleagueShares }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        ) : null}
        <Group gap="md" mt="xs" justify="space-between" wrap="wrap">
          {onShare ? (
            <Button size="lg" onClick={onShare} aria-haspopup="dialog" aria-describedby={headingId}>
              {t('feed.share')}
            </Button>
          ) : null}
          <Anchor
            href={story.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-describedby={headingId}
            className={classes.readLink}
          >
            {t('feed.readStory')} <VisuallyHidden>{t('feed.newTab')}</VisuallyHidden>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
