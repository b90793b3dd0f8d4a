import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { type Story, type StoryEvent, type StoryStatus, storiesKey, storyKey, storyPath } from './stories-api';
import { StoryStatusBadge } from './story-badges';

type TransitionKey =
  | 'submitForReview'
  | 'requestChanges'
  | 'startDraft'
  | 'backToDraft'
  | 'backToIdea'
  | 'approve'
  | 'publish'
  | 'archive';

/** The button a transition gets, named for what it means from the current status. */
function transitionKey(from: StoryStatus, to: StoryStatus): TransitionKey {
  switch (to) {
    case 'in_review':
      return 'submitForReview';
    case 'draft':
      if (from === 'in_review') return 'requestChanges';
      return from === 'idea' ? 'startDraft' : 'backToDraft';
    case 'idea':
      return 'backToIdea';
    case 'approved':
      return 'approve';
    case 'published':
      return 'publish';
    case 'archived':
      return 'archive';
  }
}

function eventText(t: TFunction<'editorial'>, event: StoryEvent): string {
  const actor = event.actor?.name ?? t('workflow.events.someone');
  switch (event.kind) {
    case 'transition':
      return event.fromStatus && event.toStatus
        ? t('workflow.events.transition', {
            actor,
            from: t(`status.${event.fromStatus}`),
            to: t(`status.${event.toStatus}`),
          })
        : t('workflow.events.created', { actor });
    case 'comment':
      return t('workflow.events.comment', { actor });
    case 'approval':
      return t('workflow.events.approval', { actor });
    case 'override':
      return t('workflow.events.override', { actor });
  }
}

/** Status, the transitions the caller may make, an admin override and comments. */
export function WorkflowSection({ story, hasUnsavedChanges }: { story: Story; hasUnsavedChanges: boolean }) {
  const { t } = useTranslation('editorial');
  const queryClient = useQueryClient();
  const isAdmin = hasAnyRole(useCurrentPerson(), ['admin']);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [overrideOpened, overrideModal] = useDisclosure(false);

  const notApproved = story.featured.filter((colleague) => colleague.approval !== 'approved');
  const canPublish = story.allowedTransitions.includes('published');
  const showOverride =
    isAdmin && notApproved.length > 0 && (canPublish || story.status === 'approved');

  const onStory = (updated: Story, message: string) => {
    queryClient.setQueryData(storyKey(story.id), updated);
    void queryClient.invalidateQueries({ queryKey: storiesKey });
    setComment('');
    setCommentError(null);
    setStatus(message);
    showSuccess(message);
  };

  const transition = useMutation({
    mutationFn: (body: { to: StoryStatus; comment?: string; override?: boolean }) =>
      api<Story>(`${storyPath(story.id)}/transitions`, { method: 'POST', json: body }),
    onSuccess: (updated) => {
      overrideModal.close();
      onStory(updated, t('workflow.moved', { status: t(`status.${updated.status}`) }));
    },
    meta: { inlineError: true },
  });

  const addComment = useMutation({
    mutationFn: (text: string) =>
      api<StoryEvent>(`${storyPath(story.id)}/comments`, { method: 'POST', json: { comment: text } }),
    onSuccess: () => {
      setComment('');
      setStatus(t('workflow.commentAdded'));
      void queryClient.invalidateQueries({ queryKey: storyKey(story.id) });
    },
    meta: { inlineError: true },
  });

  const move = (to: StoryStatus) => {
    const key = transitionKey(story.status, to);
    const text = comment.trim();
    if (key === 'requestChanges' && text === '') {
      setCommentError(t('workflow.commentRequired'));
      return;
    }
    setCommentError(null);
    setStatus('');
    transition.mutate({ to, ...(text ? { comment: text } : {}) });
  };

  return (
    <Stack>
      <Group gap="sm">
        <Text fw={600}>{t('workflow.currentStatus')}</Text>
        <StoryStatusBadge status={story.status} />
      </Group>
      {hasUnsavedChanges ? (
        <Text size="sm" c="red.9">
          {t('workflow.unsavedChanges')}
        </Text>
      ) : null}
      {notApproved.length > 0 && (canPublish || story.status === 'approved') ? (
        <Alert color="red" variant="light" title={t('workflow.approvalsMissingTitle')}>
          {t('workflow.approvalsMissing', { names: notApproved.map((colleague) => colleague.name).join(', ') })}
        </Alert>
      ) : null}
      <Textarea
        label={t('workflow.comment')}
        description={t('workflow.commentHelp')}
        autosize
        minRows={2}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
        error={commentError}
      />
      <Group gap="sm">
        {story.allowedTransitions.map((to) => {
          const key = transitionKey(story.status, to);
          return (
            <Button
              key={to}
              variant={key === 'publish' || key === 'approve' || key === 'submitForReview' ? 'filled' : 'default'}
              onClick={() => move(to)}
              loading={transition.isPending && transition.variables?.to === to && !transition.variables.override}
            >
              {t(`workflow.transitions.${key}`)}
            </Button>
          );
        })}
        <Button
          variant="default"
          onClick={() => {
            if (comment.trim() === '') {
              setCommentError(t('workflow.commentEmpty'));
              return;
            }
            setCommentError(null);
            addComment.mutate(comment.trim());
          }}
          loading={addComment.isPending}
        >
          {t('workflow.addComment')}
        </Button>
        {showOverride ? (
          <Button color="red" variant="outline" onClick={overrideModal.open}>
            {t('workflow.override')}
          </Button>
        ) : null}
      </Group>
      {story.allowedTransitions.length === 0 ? <Text size="sm">{t('workflow.noTransitions')}</Text> : null}
      {transition.error && !overrideOpened ? <ErrorAlert error={transition.error} /> : null}
      {addComment.error ? <ErrorAlert error={addComment.error} /> : null}
      <Text role="status" aria-live="polite" size="sm">
        {status}
      </Text>

      <Modal
        opened={overrideOpened}
        onClose={overrideModal.close}
        title={t('workflow.overrideTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Alert color="red">
            {t('workflow.overrideExplanation', {
              names: notApproved.map((colleague) => colleague.name).join(', '),
            })}
          </Alert>
          {transition.error ? <ErrorAlert error={transition.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={overrideModal.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={transition.isPending}
              onClick={() => {
                const text = comment.trim();
                transition.mutate({ to: 'published', override: true, ...(text ? { comment: text } : {}) });
              }}
            >
              {t('workflow.overrideConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The story's events, newest first. */
export function StoryHistory({ events }: { events: StoryEvent[] }) {
  const { t } = useTranslation('editorial');
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  if (sorted.length === 0) return <Text size="sm">{t('workflow.noHistory')}</Text>;
  return (
    <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
      {sorted.map((event) => (
        <li key={event.id}>
          <Text size="sm">
            <Text span fw={600} size="sm">
              {eventText(t, event)}
            </Text>{' '}
            <Text span c="gray.8" size="sm">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            </Text>
          </Text>
          {event.comment ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {event.comment}
            </Text>
          ) : null}
        </li>
      ))}
    </Stack>
  );
}
