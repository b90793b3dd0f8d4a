import { MultiSelect, NativeSelect, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Typography } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../lib/types';
import { useGroups } from '../groups/groups-api';
import { isStoryFormat, STORY_FORMATS, useThemes } from './stories-api';
import { type StoryFormValue, slugify } from './story-form';

type Setter = <K extends keyof StoryFormValue>(key: K, fieldValue: StoryFormValue[K]) => void;

/** Title, language, format, slug and summary. */
export function StoryBasicsFields({ value, set }: { value: StoryFormValue; set: Setter }) {
  const { t } = useTranslation('editorial');
  return (
    <Stack>
      <TextInput
        label={t('editor.fields.title')}
        required
        value={value.title}
        onChange={(event) => {
          const title = event.currentTarget.value;
          set('title', title);
          if (!value.slugEdited) set('slug', slugify(title));
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
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
        <NativeSelect
          label={t('editor.fields.format')}
          data={STORY_FORMATS.map((format) => ({ value: format, label: t(`format.${format}`) }))}
          value={value.format}
          onChange={(event) => {
            const format = event.currentTarget.value;
            if (isStoryFormat(format)) set('format', format);
          }}
        />
        <TextInput
          label={t('editor.fields.slug')}
          description={t('editor.fields.slugHelp')}
          value={value.slug}
          onChange={(event) => {
            set('slug', event.currentTarget.value);
            set('slugEdited', true);
          }}
        />
      </SimpleGrid>
      <Textarea
        label={t('editor.fields.summary')}
        autosize
        minRows={2}
        maxRows={6}
        value={value.summary}
        onChange={(event) => set('summary', event.currentTarget.value)}
      />
    </Stack>
  );
}

/** The Markdown body with a preview of the server's sanitised render of the saved version. */
export function StoryBodyField({
  value,
  set,
  savedMarkdown,
  savedHtml,
}: {
  value: StoryFormValue;
  set: Setter;
  savedMarkdown: string | undefined;
  savedHtml: string | undefined;
}) {
  const { t } = useTranslation('editorial');
  return (
    <Tabs defaultValue="write" keepMounted={false}>
      <Tabs.List aria-label={t('editor.fields.bodyTabs')}>
        <Tabs.Tab value="write">{t('editor.fields.write')}</Tabs.Tab>
        <Tabs.Tab value="preview">{t('editor.fields.preview')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="write" pt="sm">
        <Textarea
          label={t('editor.fields.body')}
          description={t('editor.fields.bodyHelp')}
          autosize
          minRows={10}
          maxRows={30}
          value={value.bodyMarkdown}
          onChange={(event) => set('bodyMarkdown', event.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="sm">
        {savedHtml === undefined ? (
          <Text>{t('editor.fields.previewAfterSave')}</Text>
        ) : (
          <Stack gap="sm">
            {savedMarkdown !== value.bodyMarkdown ? (
              <Text size="sm" c="red.9">
                {t('editor.fields.previewOutdated')}
              </Text>
            ) : null}
            <Typography>
              {/* bodyHtml is the server's sanitised render of the Markdown (scripts, event
                  handlers and javascript: URLs removed); it is the only HTML the client renders. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side, see above */}
              <div dangerouslySetInnerHTML={{ __html: savedHtml }} />
            </Typography>
          </Stack>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}

/** External URL, publication dates and the calendar date. */
export function StoryScheduleFields({ value, set }: { value: StoryFormValue; set: Setter }) {
  const { t } = useTranslation('editorial');
  return (
    <Stack>
      <TextInput
        label={t('editor.fields.externalUrl')}
        description={t('editor.fields.externalUrlHelp')}
        type="url"
        required={value.format === 'external_article'}
        value={value.externalUrl}
        onChange={(event) => set('externalUrl', event.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('editor.fields.publishAt')}
          type="datetime-local"
          value={value.publishAt}
          onChange={(event) => set('publishAt', event.currentTarget.value)}
        />
        <TextInput
          label={t('editor.fields.expireAt')}
          type="datetime-local"
          value={value.expireAt}
          onChange={(event) => set('expireAt', event.currentTarget.value)}
        />
        <TextInput
          label={t('editor.fields.plannedFor')}
          type="date"
          value={value.plannedFor}
          onChange={(event) => set('plannedFor', event.currentTarget.value)}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Themes and the groups whose feed shows the story. */
export function StoryTargetingFields({ value, set }: { value: StoryFormValue; set: Setter }) {
  const { t } = useTranslation('editorial');
  const themes = useThemes();
  const groups = useGroups();
  const themeOptions = (themes.data ?? [])
    .filter((theme) => theme.active || value.themeIds.includes(theme.id))
    .map((theme) => ({ value: theme.id, label: theme.name }));
  const groupOptions = (['department', 'location', 'team'] as const)
    .map((kind) => ({
      group: t(`groupKinds.${kind}`),
      items: (groups.data ?? [])
        .filter((group) => group.kind === kind)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((group) => ({ value: group.id, label: group.name })),
    }))
    .filter((option) => option.items.length > 0);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <MultiSelect
        label={t('editor.fields.themes')}
        data={themeOptions}
        value={value.themeIds}
        onChange={(themeIds) => set('themeIds', themeIds)}
        searchable
        nothingFoundMessage={t('editor.fields.nothingFound')}
      />
      <MultiSelect
        label={t('editor.fields.targetGroups')}
        description={t('editor.fields.targetGroupsHelp')}
        data={groupOptions}
        value={value.targetGroupIds}
        onChange={(groupIds) => set('targetGroupIds', groupIds)}
        searchable
        nothingFoundMessage={t('editor.fields.nothingFound')}
      />
    </SimpleGrid>
  );
}
