import { Blockquote, Button, Card, Group, Image, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCurrentPerson } from '../auth/session';
import { type ApprovalStatus, type StorySummary, storyPath } from '../stories/stories-api';
import { ApprovalBadge } from '../stories/story-badges';

interface ApprovalRequest {
  story: StorySummary;
  quote: string;
  status: ApprovalStatus;
  comment: string | null;
  decidedAt: string | null;
}

type Decision = 'approved' | 'changes_requested';

const approvalsKey = ['me', 'approvals'] as const;

/** `/approvals`: the stories that feature me, to approve or send back with a comment. */
export default function ApprovalsPage() {
  const { t } = useTranslation('editorial');
  const [status, setStatus] = useState('');
  const approvals = useQuery({
    queryKey: approvalsKey,
    queryFn: () => api<ListPage<ApprovalRequest>>('/api/v1/me/approvals'),
  });

  const items = approvals.data?.items ?? [];
  const open = items.filter((item) => item.status === 'pending' || item.status === 'not_requested');
  const decided = items.filter((item) => item.status === 'approved' || item.status === 'changes_requested');

  return (
    <Page title={t('approvals.title')} width={800}>
      <Text>{t('approvals.intro')}</Text>
      <Text role="status" aria-live="polite" fw={600}>
        {status}
      </Text>
      {approvals.isPending ? <PageLoader /> : null}
      {approvals.isError ? (
        <ErrorAlert error={approvals.error} onRetry={() => void approvals.refetch()} />
      ) : null}
      {approvals.isSuccess ? (
        <>
          <Stack component="section" aria-labelledby="approvals-open" gap="sm">
            <Title order={2} size="h4" id="approvals-open">
              {t('approvals.open')}
            </Title>
            {open.length === 0 ? <Text>{t('approvals.noneOpen')}</Text> : null}
            {open.map((item) => (
              <ApprovalCard key={item.story.id} item={item} onDecided={setStatus} />
            ))}
          </Stack>
          <Stack component="section" aria-labelledby="approvals-decided" gap="sm">
            <Title order={2} size="h4" id="approvals-decided">
              {t('approvals.decided')}
            </Title>
            {decided.length === 0 ? (
              <Text>{t('approvals.noneDecided')}</Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {decided.map((item) => (
                  <Stack component="li" key={item.story.id} gap={2}>
                    <Group gap="sm">
                      <Text>{item.story.title}</Text>
                      <ApprovalBadge approval={item.status} />
                      {item.decidedAt ? (
                        <Text size="sm" c="gray.8">
                          <time dateTime={item.decidedAt}>{formatDateTime(item.decidedAt)}</time>
                        </Text>
                      ) : null}
                    </Group>
                    {item.comment ? (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {t('approvals.yourComment', { comment: item.comment })}
                      </Text>
                    ) : null}
                  </Stack>
                ))}
              </Stack>
            )}
          </Stack>
        </>
      ) : null}
    </Page>
  );
}

function ApprovalCard({ item, onDecided }: { item: ApprovalRequest; onDecided: (message: string) => void }) {
  const { t } = useTranslation('editorial');
  const me = useCurrentPerson();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const { story } = item;
  const myName = story.featured.find((colleague) => colleague.personId === me?.id)?.name ?? me?.name ?? '';
  const headingId = `approval-${story.id}`;

  const decide = useMutation({
    mutationFn: (body: { decision: Decision; comment?: string }) =>
      api<unknown>(`${storyPath(story.id)}/approval`, { method: 'POST', json: body }),
    onSuccess: (_result, body) => {
      onDecided(
        body.decision === 'approved'
          ? t('approvals.approvedDone', { title: story.title })
          : t('approvals.changesDone', { title: story.title }),
      );
      void queryClient.invalidateQueries({ queryKey: approvalsKey });
    },
    meta: { inlineError: true },
  });

  const onAskChanges = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === '') {
      setCommentError(t('approvals.commentRequired'));
      return;
    }
    setCommentError(null);
    decide.mutate({ decision: 'changes_requested', comment: comment.trim() });
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id={headingId}>
            {story.title}
          </Title>
          <ApprovalBadge approval={item.status} />
        </Group>
        {story.heroImage ? (
          <Image
            src={story.heroImage.shareUrl}
            alt={story.heroImage.altText}
            maw={480}
            radius="sm"
            style={{ aspectRatio: '1200 / 627' }}
          />
        ) : null}
        {story.summary ? <Text>{story.summary}</Text> : null}
        <Text fw={600}>{t('approvals.asItWillAppear')}</Text>
        {item.quote ? (
          <Blockquote cite={`— ${myName}`} p="sm" color="blue">
            {item.quote}
          </Blockquote>
        ) : (
          <Text>{t('approvals.noQuote', { name: myName })}</Text>
        )}
        <Text size="sm">{t('approvals.yourName', { name: myName })}</Text>
        {decide.error ? <ErrorAlert error={decide.error} /> : null}
        {asking ? (
          <form onSubmit={onAskChanges}>
            <Stack gap="sm">
              <Textarea
                label={t('approvals.whatShouldChange')}
                required
                autosize
                minRows={3}
                value={comment}
                onChange={(event) => setComment(event.currentTarget.value)}
                error={commentError}
                data-autofocus
              />
              <Group>
                <Button type="submit" loading={decide.isPending}>
                  {t('approvals.sendChanges')}
                </Button>
                <Button variant="default" onClick={() => setAsking(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button
              onClick={() => decide.mutate({ decision: 'approved' })}
              loading={decide.isPending && decide.variables?.decision === 'approved'}
            >
              {t('approvals.approve')}
            </Button>
            <Button variant="default" onClick={() => setAsking(true)}>
              {t('approvals.askChanges')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
