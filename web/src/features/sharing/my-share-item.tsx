import { Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { MyShare } from './sharing-types';
import classes from './sharing.module.css';

const NETWORK_COLORS: Record<MyShare['network'], string> = {
  // Light badges with these colours keep their text above 4.5:1.
  linkedin: 'blue',
  x: 'gray',
  facebook: 'indigo',
  whatsapp: 'grape',
  email: 'gray',
  link: 'gray',
};

/** One of my shares: the story or vacancy, where and for whom, my words and the tracked link. */
export function MyShareItem({ share, audienceName }: { share: MyShare; audienceName: string | null }) {
  const { t } = useTranslation('ambassador');
  const headingId = useId();
  const item = share.story ? { title: share.story.title, href: `/stories/${encodeURIComponent(share.story.slug)}` } : share.vacancy ? { title: share.vacancy.title, href: `/vacancies/${encodeURIComponent(share.vacancy.slug)}` } : null;

  const title = item?.title ?? t('myShares.removedStory');

  return (
    <Paper component="article" withBorder p="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId} className={classes.suggestionText}>
          {item ? (
            // Public story and vacancy pages are served by the server, not by this app: a plain link.
            <Anchor href={item.href} inherit>
              {item.title}
            </Anchor>
          ) : (
            title
          )}
        </Title>
        <Group gap="xs">
          <Badge color={NETWORK_COLORS[share.network]} variant="light" tt="none">
            {t(`networks.${share.network}`)}
          </Badge>
          {audienceName ? (
            <Badge color="gray" variant="light" tt="none">
              {audienceName}
            </Badge>
          ) : null}
          {share.personalised ? (
            <Badge color="indigo" variant="filled" tt="none">
              {t('myShares.personalWords')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('myShares.sharedAt')}: <time dateTime={share.createdAt}>{formatDateTime(share.createdAt)}</time>
        </Text>
        <Text className={classes.suggestionText}>{share.text}</Text>
        <Group gap="sm" wrap="nowrap" align="center">
          <Text size="sm" className={classes.shortLink} flex={1} miw={0}>
            <Text span fw={600} size="sm">
              {t('myShares.shortLink')}:
            </Text>{' '}
            {share.shortUrl}
          </Text>
          <CopyButton value={share.shortUrl}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                size="md"
                mih={44}
                onClick={copy}
                aria-label={copied ? undefined : t('myShares.copyLink', { title })}
              >
                {copied ? t('myShares.copied') : t('myShares.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Paper>
  );
}
