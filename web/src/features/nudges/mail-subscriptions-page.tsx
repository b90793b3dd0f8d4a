import { Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ListQueryStatus, Page } from '../../app/page';
import { notifySuccess } from '../../lib/notify';
import { type MailSubscriptions, useMailSubscriptions, useSaveMailSubscriptions } from './nudges-api';

/**
 * `/me/mail`: the person's own switches for nudge e-mails and the weekly digest. Switching one on
 * again is the re-subscription: unsubscribe links in older e-mails then no longer unsubscribe.
 */
export default function MailSubscriptionsPage() {
  const { t } = useTranslation('nudges');
  const subscriptions = useMailSubscriptions();
  const save = useSaveMailSubscriptions();
  const change = (changes: Partial<MailSubscriptions>) => save.mutate(changes, { onSuccess: () => notifySuccess(t('mail.saved')) });
  return (
    <Page title={t('mail.title')} width={700}>
      <Text>{t('mail.intro')}</Text>
      <ListQueryStatus query={subscriptions} summary="" />
      {subscriptions.data ? (
        <Paper withBorder p="md">
          <Stack gap="md">
            <Switch
              label={t('mail.nudges')}
              description={t('mail.nudgesHelp')}
              checked={subscriptions.data.nudges}
              disabled={save.isPending}
              onChange={(e) => change({ nudges: e.currentTarget.checked })}
            />
            <Switch
              label={t('mail.digest')}
              description={t('mail.digestHelp')}
              checked={subscriptions.data.digest}
              disabled={save.isPending}
              onChange={(e) => change({ digest: e.currentTarget.checked })}
            />
          </Stack>
        </Paper>
      ) : null}
    </Page>
  );
}
