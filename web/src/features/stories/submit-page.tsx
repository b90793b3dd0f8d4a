import { Alert, Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page } from '../../app/page';
import { api } from '../../lib/api';
import { isLanguage, type Language } from '../../lib/types';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { FeaturedField } from './featured-field';
import {
  isStoryFormat,
  STORY_FORMATS,
  type Story,
  type StoryFormat,
  storyPage,
} from './stories-api';
import type { FeaturedValue } from './story-form';
import { StorySection } from './story-section';

interface IdeaValue {
  title: string;
  format: StoryFormat;
  language: Language;
  summary: string;
  bodyMarkdown: string;
  featured: FeaturedValue[];
}

function emptyIdea(language: string): IdeaValue {
  return {
    title: '',
    format: 'interview',
    language: isLanguage(language) ? language : 'en',
    summary: '',
    bodyMarkdown: '',
    featured: [],
  };
}

/** `/submit` — a colleague suggests a story; it lands in review with the editors. */
export default function SubmitStoryPage() {
  const { t, i18n } = useTranslation('editorial');
  const me = useCurrentPerson();
  // Searching colleagues uses the people list, which only staff may read.
  const canSearchPeople = hasAnyRole(me, ['admin', 'editor', 'recruiter']);
  const [value, setValue] = useState<IdeaValue>(() => emptyIdea(i18n.language));
  const [submitted, setSubmitted] = useState<Story | null>(null);
  const set = <K extends keyof IdeaValue>(key: K, fieldValue: IdeaValue[K]) =>
    setValue((old) => ({ ...old, [key]: fieldValue }));

  const submit = useMutation({
    mutationFn: (idea: IdeaValue) =>
      api<Story>('/api/v1/stories', {
        method: 'POST',
        json: {
          title: idea.title.trim(),
          format: idea.format,
          language: idea.language,
          summary: idea.summary.trim(),
          bodyMarkdown: idea.bodyMarkdown,
          featured: idea.featured.map((colleague) => ({ personId: colleague.personId, quote: colleague.quote.trim() })),
        },
      }),
    onSuccess: (story) => {
      setSubmitted(story);
      setValue(emptyIdea(i18n.language));
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(value);
  };

  return (
    <Page title={t('submit.title')} width={800}>
      <div role="status" aria-live="polite">
        {submitted ? (
          <Alert color="blue" title={t('submit.thanksTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text>{t('submit.thanks', { title: submitted.title })}</Text>
              <Anchor component={Link} to={storyPage(submitted.id)}>
                {t('submit.view')}
              </Anchor>
              <Button size="xs" variant="default" onClick={() => setSubmitted(null)}>
                {t('submit.another')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
      </div>
      {submitted ? null : (
        <form onSubmit={onSubmit}>
          <Stack>
            <Text>{t('submit.intro')}</Text>
            <TextInput
              label={t('editor.fields.title')}
              required
              value={value.title}
              onChange={(event) => set('title', event.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('editor.fields.format')}
                data={STORY_FORMATS.map((format) => ({ value: format, label: t(`format.${format}`) }))}
                value={value.format}
                onChange={(event) => {
                  const format = event.currentTarget.value;
                  if (isStoryFormat(format)) set('format', format);
                }}
              />
              <NativeSelect
                label={t('editor.fields.language')}
                data={[
                  { value: 'nl', label: t('languages.nl') },
                  { value: 'en', label: t('languages.en') },
                ]}
                value={value.language}
                onChange={(event) => {
                  const language = event.currentTarget.value;
                  if (isLanguage(language)) set('language', language);
                }}
              />
            </SimpleGrid>
            <Textarea
              label={t('editor.fields.summary')}
              description={t('submit.summaryHelp')}
              autosize
              minRows={2}
              value={value.summary}
              onChange={(event) => set('summary', event.currentTarget.value)}
            />
            <Textarea
              label={t('submit.body')}
              description={t('editor.fields.bodyHelp')}
              autosize
              minRows={6}
              value={value.bodyMarkdown}
              onChange={(event) => set('bodyMarkdown', event.currentTarget.value)}
            />
            {canSearchPeople ? (
              <StorySection title={t('submit.featuredTitle')}>
                <Text size="sm">{t('submit.featuredHelp')}</Text>
                <FeaturedField value={value.featured} onChange={(featured) => set('featured', featured)} />
              </StorySection>
            ) : (
              <Text size="sm">{t('submit.featuredHint')}</Text>
            )}
            {submit.error ? <ErrorAlert error={submit.error} /> : null}
            <Group>
              <Button type="submit" loading={submit.isPending}>
                {t('submit.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Page>
  );
}
