import { Button, Group, Stack, Text, Typography } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { FeaturedField } from './featured-field';
import { HeroImageField } from './hero-image-field';
import {
  type Story,
  storiesKey,
  storyKey,
  storyPath,
  useAudiences,
  useStory,
  storyPage,
} from './stories-api';
import { ApprovalBadge, StoryStatusBadge } from './story-badges';
import { StoryBasicsFields, StoryBodyField, StoryScheduleFields, StoryTargetingFields } from './story-fields';
import { type StoryFormValue, storyFormValue, storyInput } from './story-form';
import { StorySection } from './story-section';
import { TranslationsSection } from './translations-section';
import { VariantsSection } from './variants-section';
import { StoryHistory, WorkflowSection } from './workflow-section';

/** A snapshot to tell whether the form differs from the saved story. */
function snapshot(value: StoryFormValue): string {
  return JSON.stringify({ ...storyInput(value), altText: value.heroImage?.altText ?? '' });
}

/** `/editorial/stories/new` and `/editorial/stories/:id`: the story editor (read-only for people who may not edit). */
export default function StoryEditorPage() {
  const { t } = useTranslation('editorial');
  const { id } = useParams();
  const story = useStory(id);
  const canEdit = hasAnyRole(useCurrentPerson(), ['admin', 'editor']);

  if (id && story.isPending) return <PageLoader />;
  if (id && story.isError) {
    return (
      <Page title={t('editor.title')}>
        <ErrorAlert error={story.error} onRetry={() => void story.refetch()} />
      </Page>
    );
  }
  if (story.data && !canEdit) return <StoryOverview story={story.data} />;
  // Keyed by id: moving to another story (e.g. a new translation) starts a fresh form.
  return <StoryEditor key={id ?? 'new'} story={story.data} />;
}

function StoryEditor({ story }: { story: Story | undefined }) {
  const { t, i18n } = useTranslation('editorial');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const audiences = useAudiences();
  const [value, setValue] = useState<StoryFormValue>(() => storyFormValue(story, i18n.language));
  const [saved, setSaved] = useState(() => snapshot(storyFormValue(story, i18n.language)));
  const [approvalStatus, setApprovalStatus] = useState('');

  const set = <K extends keyof StoryFormValue>(key: K, fieldValue: StoryFormValue[K]) =>
    setValue((old) => ({ ...old, [key]: fieldValue }));

  const save = useMutation({
    mutationFn: async (form: StoryFormValue) => {
      const image = form.heroImage;
      if (image && !(story?.heroImage?.id === image.id && story.heroImage.altText === image.altText)) {
        await api(`/api/v1/images/${encodeURIComponent(image.id)}`, {
          method: 'PATCH',
          json: { altText: image.altText.trim() },
        });
      }
      const input = storyInput(form);
      return story
        ? api<Story>(storyPath(story.id), { method: 'PATCH', json: input })
        : api<Story>('/api/v1/stories', { method: 'POST', json: { ...input, status: 'draft' } });
    },
    onSuccess: (result) => {
      queryClient.setQueryData(storyKey(result.id), result);
      void queryClient.invalidateQueries({ queryKey: storiesKey });
      showSuccess(story ? t('editor.saved') : t('editor.created'));
      if (!story) {
        void navigate(storyPage(result.id), { replace: true });
        return;
      }
      const next = storyFormValue(result, i18n.language);
      setValue(next);
      setSaved(snapshot(next));
    },
    meta: { inlineError: true },
  });

  const requestApproval = useMutation({
    mutationFn: () =>
      api<{ requested: number }>(`${storyPath(story?.id ?? '')}/approval-requests`, { method: 'POST' }),
    onSuccess: (result) => {
      setApprovalStatus(t('featured.requested', { count: result.requested }));
      if (story) void queryClient.invalidateQueries({ queryKey: storyKey(story.id) });
    },
  });

  const dirty = snapshot(value) !== saved;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value);
  };

  return (
    <Page
      title={story ? story.title || t('editor.title') : t('editor.newTitle')}
      width={960}
      actions={story ? <StoryStatusBadge status={story.status} /> : null}
    >
      {story ? (
        <StorySection title={t('workflow.title')}>
          <WorkflowSection story={story} hasUnsavedChanges={dirty} />
        </StorySection>
      ) : null}

      <form onSubmit={onSubmit} aria-label={t('editor.formLabel')}>
        <Stack>
          <StorySection title={t('editor.sections.story')}>
            <StoryBasicsFields value={value} set={set} />
            <StoryBodyField value={value} set={set} savedMarkdown={story?.bodyMarkdown} savedHtml={story?.bodyHtml} />
          </StorySection>
          <StorySection title={t('editor.sections.image')}>
            <HeroImageField value={value.heroImage} onChange={(image) => set('heroImage', image)} />
          </StorySection>
          <StorySection title={t('editor.sections.publication')}>
            <StoryScheduleFields value={value} set={set} />
            <StoryTargetingFields value={value} set={set} />
          </StorySection>
          <StorySection title={t('featured.title')}>
            <Text size="sm">{t('featured.intro')}</Text>
            <FeaturedField value={value.featured} onChange={(featured) => set('featured', featured)} />
            {story && story.featured.length > 0 ? (
              <Group>
                <Button
                  variant="default"
                  onClick={() => requestApproval.mutate()}
                  loading={requestApproval.isPending}
                  disabled={dirty}
                >
                  {t('featured.requestApproval')}
                </Button>
                {dirty ? <Text size="sm">{t('featured.saveFirst')}</Text> : null}
              </Group>
            ) : null}
            <Text role="status" aria-live="polite" size="sm">
              {approvalStatus}
            </Text>
          </StorySection>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {story ? t('editor.save') : t('editor.create')}
            </Button>
            {dirty && story ? <Text size="sm">{t('editor.unsaved')}</Text> : null}
          </Group>
        </Stack>
      </form>

      {story ? (
        <>
          <StorySection title={t('variants.title')}>
            {audiences.isError ? (
              <ErrorAlert error={audiences.error} onRetry={() => void audiences.refetch()} />
            ) : audiences.data ? (
              <VariantsSection story={story} audiences={audiences.data} />
            ) : (
              <PageLoader />
            )}
          </StorySection>
          <StorySection title={t('translations.title')}>
            <TranslationsSection story={story} />
          </StorySection>
          <StorySection title={t('workflow.history')}>
            <StoryHistory events={story.events} />
          </StorySection>
        </>
      ) : (
        <Text size="sm">{t('editor.moreAfterSave')}</Text>
      )}
    </Page>
  );
}

/** What someone who may not edit sees: the story as submitted, its status and history. */
function StoryOverview({ story }: { story: Story }) {
  const { t } = useTranslation('editorial');
  return (
    <Page title={story.title} width={860} actions={<StoryStatusBadge status={story.status} />}>
      <Text>{t('editor.readOnly')}</Text>
      {story.summary ? <Text fw={500}>{story.summary}</Text> : null}
      {story.bodyHtml ? (
        <Typography>
          {/* bodyHtml is the server's sanitised render of the Markdown; never raw user HTML. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side, see above */}
          <div dangerouslySetInnerHTML={{ __html: story.bodyHtml }} />
        </Typography>
      ) : null}
      {story.featured.length > 0 ? (
        <StorySection title={t('featured.title')}>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {story.featured.map((colleague) => (
              <Group component="li" key={colleague.personId} gap="sm">
                <Text>{colleague.name}</Text>
                <ApprovalBadge approval={colleague.approval} />
              </Group>
            ))}
          </Stack>
        </StorySection>
      ) : null}
      <StorySection title={t('workflow.history')}>
        <StoryHistory events={story.events} />
      </StorySection>
    </Page>
  );
}
