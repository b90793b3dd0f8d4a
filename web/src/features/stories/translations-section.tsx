import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { LANGUAGES, type Language } from '../../lib/types';
import {
  type Story,
  storiesKey,
  storyPage,
} from './stories-api';
import { StoryStatusBadge } from './story-badges';

/** Linked translations of the story, and buttons to start the missing ones. */
export function TranslationsSection({ story }: { story: Story }) {
  const { t } = useTranslation('editorial');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const others = story.translations.filter((translation) => translation.id !== story.id);
  const missing = LANGUAGES.filter(
    (language) => language !== story.language && !others.some((translation) => translation.language === language),
  );

  const create = useMutation({
    mutationFn: (language: Language) =>
      api<Story>('/api/v1/stories', {
        method: 'POST',
        json: {
          title: story.title,
          language,
          format: story.format,
          summary: story.summary,
          bodyMarkdown: story.bodyMarkdown,
          status: 'draft',
          translationOf: story.id,
        },
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: storiesKey });
      void navigate(storyPage(created.id));
    },
  });

  return (
    <Stack gap="sm">
      {others.length === 0 ? (
        <Text size="sm">{t('translations.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {others.map((translation) => (
            <Group component="li" key={translation.id} gap="sm">
              <Text size="sm">{t(`languages.${translation.language}`)}:</Text>
              <Anchor component={Link} to={storyPage(translation.id)}>
                {translation.title}
              </Anchor>
              <StoryStatusBadge status={translation.status} />
            </Group>
          ))}
        </Stack>
      )}
      {missing.length > 0 ? (
        <Group>
          {missing.map((language) => (
            <Button
              key={language}
              variant="default"
              onClick={() => create.mutate(language)}
              loading={create.isPending && create.variables === language}
            >
              {t(`translations.create.${language}`)}
            </Button>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
