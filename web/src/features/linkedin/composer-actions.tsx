import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/page';
import { formatDateTime } from '../../lib/format';
import { fromLocalInput, type LinkedinPost, toLocalInput, useLinkedinConnection, useLinkedinPosts, usePlanLinkedinPost } from './linkedin-api';
import { useReason } from './reasons';

/**
 * In the share composer, for LinkedIn: post the person's words directly ("now") or at a chosen
 * moment, through Podium's LinkedIn connection, besides the usual share-URL flow. Shown only when
 * LinkedIn is configured; when the person has not connected (or the connection expired) a short
 * pointer to the profile page takes the buttons' place.
 */
export function LinkedinPostActions({
  item,
  audience,
  text,
  validate,
}: {
  item: { storyId?: string; vacancyId?: string };
  audience: string;
  text: string;
  /** The composer's own check of the text (empty, over the limit); false stops here. */
  validate: () => boolean;
}) {
  const { t } = useTranslation('linkedin');
  const connection = useLinkedinConnection();
  const plan = usePlanLinkedinPost();
  const [scheduling, setScheduling] = useState(false);
  const [moment, setMoment] = useState(() => toLocalInput(new Date(Date.now() + 60 * 60_000)));
  const [momentError, setMomentError] = useState<string | null>(null);
  const [done, setDone] = useState<LinkedinPost | null>(null);
  const inputId = useId();
  // A post sent now is followed until LinkedIn has it (or refused it), so the outcome shows here.
  const tracked = useLinkedinPosts(done !== null && done.requestedFor === null);
  const reason = useReason();

  const state = connection.data;
  if (!state?.configured) return null;
  if (state.status !== 'connected') {
    return (
      <Text size="sm">
        {state.status === 'expired' ? t('composer.expired') : t('composer.notConnected')}{' '}
        <Anchor component={Link} to="/profile">
          {t('composer.toProfile')}
        </Anchor>
      </Text>
    );
  }

  const itemRef = item.storyId ? { itemType: 'story' as const, storyId: item.storyId } : { itemType: 'vacancy' as const, vacancyId: item.vacancyId ?? '' };
  const send = (at?: string) => {
    if (!validate()) return;
    plan.mutate({ ...itemRef, text, audience, ...(at ? { at } : {}) }, { onSuccess: (post) => setDone(post) });
  };
  const schedule = () => {
    const at = fromLocalInput(moment);
    if (!at || Date.parse(at) < Date.now()) {
      setMomentError(t('composer.momentInvalid'));
      return;
    }
    setMomentError(null);
    send(at);
  };
  const moved = done?.requestedFor && done.requestedFor !== done.scheduledFor;
  const current = (done && tracked.data?.items.find((post) => post.id === done.id)) ?? done;
  const outcome = !current
    ? null
    : current.requestedFor
      ? t('composer.planned', { when: formatDateTime(current.scheduledFor) })
      : current.status === 'posted'
        ? t('composer.posted')
        : current.status === 'failed'
          ? t('composer.failed', { reason: reason(current.lastError ?? '') })
          : t('composer.postingNow');

  return (
    <Stack gap="sm">
      <div role="status" aria-live="polite">
        {done ? (
          <Stack gap={4}>
            <Text fw={600} c={current?.status === 'failed' ? 'red.9' : undefined}>
              {outcome}
            </Text>
            {moved ? <Text size="sm">{t('composer.moved', { asked: formatDateTime(done.requestedFor ?? '') })}</Text> : null}
            {current?.postUrl ? (
              <Anchor href={current.postUrl} target="_blank" rel="noopener noreferrer">
                {t('composer.viewPost')}
              </Anchor>
            ) : null}
            <Anchor component={Link} to="/linkedin/posts">
              {t('composer.toMyPosts')}
            </Anchor>
          </Stack>
        ) : null}
      </div>
      {plan.error ? <ErrorAlert error={plan.error} /> : null}
      {done ? null : (
        <>
          <Group gap="sm" grow>
            <Button size="lg" variant="light" onClick={() => send()} loading={plan.isPending && !scheduling}>
              {t('composer.postNow')}
            </Button>
            <Button size="lg" variant="default" onClick={() => setScheduling((open) => !open)} aria-expanded={scheduling} aria-controls={inputId}>
              {t('composer.schedule')}
            </Button>
          </Group>
          {scheduling ? (
            <Group gap="sm" align="flex-end" id={inputId}>
              <TextInput
                type="datetime-local"
                label={t('composer.moment')}
                description={t('composer.momentHelp')}
                size="md"
                value={moment}
                min={toLocalInput(new Date())}
                onChange={(event) => setMoment(event.currentTarget.value)}
                error={momentError}
                flex={1}
              />
              <Button size="md" onClick={schedule} loading={plan.isPending}>
                {t('composer.schedulePost')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
