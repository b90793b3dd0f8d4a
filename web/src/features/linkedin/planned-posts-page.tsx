import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { fromLocalInput, type LinkedinPost, toLocalInput, useCancelLinkedinPost, useLinkedinPosts, useUpdateLinkedinPost } from './linkedin-api';
import { useReason } from './reasons';

const statusColor: Record<LinkedinPost['status'], string> = { scheduled: 'blue.9', posting: 'gray.7', posted: 'teal.9', failed: 'red.9', cancelled: 'gray.7' };
function EditForm({ post, onDone }: { post: LinkedinPost; onDone: () => void }) {
  const { t } = useTranslation('linkedin');
  const update = useUpdateLinkedinPost();
  const [text, setText] = useState(post.text);
  const [moment, setMoment] = useState(toLocalInput(new Date(post.requestedFor ?? post.scheduledFor)));
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const at = fromLocalInput(moment);
    if (!at) {
      setError(t('composer.momentInvalid'));
      return;
    }
    if (text.trim() === '') {
      setError(t('posts.textRequired'));
      return;
    }
    setError(null);
    const changes = { ...(text !== post.text ? { text } : {}), ...(at !== (post.requestedFor ?? post.scheduledFor) ? { at } : {}) };
    if (Object.keys(changes).length === 0) return onDone();
    update.mutate({ id: post.id, ...changes }, { onSuccess: () => { showSuccess(t('posts.saved')); onDone(); } });
  };
  return (
    <Stack gap="sm">
      <Textarea label={t('posts.text')} autosize minRows={3} value={text} onChange={(event) => setText(event.currentTarget.value)} />
      <TextInput type="datetime-local" label={t('composer.moment')} value={moment} onChange={(event) => setMoment(event.currentTarget.value)} />
      {error ? <Text c="red.8" role="alert">{error}</Text> : null}
      {update.error ? <ErrorAlert error={update.error} /> : null}
      <Group gap="sm">
        <Button onClick={save} loading={update.isPending}>
          {t('posts.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('posts.keep')}
        </Button>
      </Group>
    </Stack>
  );
}

function PostItem({ post }: { post: LinkedinPost }) {
  const { t } = useTranslation('linkedin');
  const reason = useReason();
  const cancel = useCancelLinkedinPost();
  const [editing, setEditing] = useState(false);
  const moved = post.requestedFor !== null && post.requestedFor !== post.scheduledFor && post.status === 'scheduled';
  return (
    <Paper withBorder p="md" component="li">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{post.itemTitle || t('posts.untitled')}</Text>
          <Badge color={statusColor[post.status]} variant="filled" tt="none">
            {t(`status.${post.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {post.status === 'posted' && post.postedAt ? t('posts.postedAt', { when: formatDateTime(post.postedAt) }) : t('posts.when', { when: formatDateTime(post.scheduledFor) })}
        </Text>
        {moved ? <Text size="sm">{t('posts.moved', { asked: formatDateTime(post.requestedFor ?? '') })}</Text> : null}
        {post.status === 'failed' && post.lastError ? (
          <Text size="sm" c="red.8">
            {reason(post.lastError)}
          </Text>
        ) : null}
        {post.status === 'scheduled' && post.lastError ? <Text size="sm">{t('posts.retrying', { reason: reason(post.lastError) })}</Text> : null}
        {editing ? (
          <EditForm post={post} onDone={() => setEditing(false)} />
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
            {post.text}
          </Text>
        )}
        {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
        <Group gap="sm">
          {post.status === 'scheduled' && !editing ? (
            <>
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('posts.edit')}
              </Button>
              <Button variant="default" color="red" onClick={() => cancel.mutate(post.id, { onSuccess: () => showSuccess(t('posts.cancelled')) })} loading={cancel.isPending}>
                {t('posts.cancel')}
              </Button>
            </>
          ) : null}
          {post.postUrl ? (
            <Anchor href={post.postUrl} target="_blank" rel="noopener noreferrer">
              {t('posts.view')}
            </Anchor>
          ) : null}
          {post.status === 'failed' && post.lastError?.startsWith('token_expired') ? (
            <Anchor component={Link} to="/profile">
              {t('posts.reconnect')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function Section({ id, title, posts, empty }: { id: string; title: string; posts: LinkedinPost[]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {posts.length === 0 ? (
          <Text c="dimmed">{empty}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {posts.map((post) => (
              <PostItem key={post.id} post={post} />
            ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}

/** `/linkedin/posts`: my planned posts (edit, cancel), the ones sent and the ones that failed, with why. */
export default function PlannedPostsPage() {
  const { t } = useTranslation('linkedin');
  const posts = useLinkedinPosts();
  if (posts.isPending) return <PageLoader />;
  if (posts.isError) {
    return (
      <Page title={t('posts.title')} width={760}>
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />
      </Page>
    );
  }
  const items = posts.data.items;
  const planned = items.filter((p) => p.status === 'scheduled' || p.status === 'posting').sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  return (
    <Page title={t('posts.title')} width={760}>
      <Text>{t('posts.intro')}</Text>
      <Section id="linkedin-planned" title={t('posts.planned')} posts={planned} empty={t('posts.noPlanned')} />
      <Section id="linkedin-failed" title={t('posts.failed')} posts={items.filter((p) => p.status === 'failed')} empty={t('posts.noFailed')} />
      <Section id="linkedin-sent" title={t('posts.sent')} posts={items.filter((p) => p.status === 'posted')} empty={t('posts.noSent')} />
    </Page>
  );
}
