import { Anchor, Button, CopyButton, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Delivery } from './share-delivery';
import type { ShareResult } from './sharing-types';
import classes from './sharing.module.css';

/** The heading of the success step (focused when it appears); a shared vacancy gets its own thanks. */
export function ShareSuccessHeading({ headingRef, vacancy = false }: { headingRef: Ref<HTMLHeadingElement>; vacancy?: boolean }) {
  const { t } = useTranslation('ambassador');
  return (
    <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
      {vacancy ? t('done.headingVacancy') : t('done.heading')}
    </Title>
  );
}

/** The key of what the person is told after sharing (shown in the composer's live region). */
export function deliveryMessageKey(delivery: Delivery | null) {
  switch (delivery) {
    case 'text_copied':
      return 'done.copiedForLinkedIn' as const;
    case 'text_copy_failed':
      return 'done.copyFailed' as const;
    case 'link_copied':
      return 'done.linkCopied' as const;
    case 'link_copy_failed':
      return 'done.linkCopyFailed' as const;
    case 'email':
      return 'done.emailOpened' as const;
    default:
      return null;
  }
}

/** The short link to copy, a way back to the network (pop-up blockers), and the way on. */
export function ShareSuccessDetails({
  result,
  delivery,
  onClose,
}: {
  result: ShareResult;
  delivery: Delivery | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('ambassador');
  const reopens = result.network === 'linkedin' || result.network === 'x' || result.network === 'facebook' || result.network === 'whatsapp';
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          label={t('done.shortLink')}
          value={result.shortUrl}
          readOnly
          size="md"
          flex={1}
          miw={0}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={result.shortUrl}>
          {({ copied, copy }) => (
            <Button size="md" mih={44} variant="default" onClick={copy}>
              {copied ? t('done.copied') : t('done.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      {delivery === 'text_copy_failed' ? (
        <Textarea
          label={t('done.finalText')}
          value={result.text}
          readOnly
          autosize
          minRows={3}
          size="md"
          onFocus={(event) => event.currentTarget.select()}
        />
      ) : null}
      {reopens ? (
        <Anchor href={result.shareUrl} target="_blank" rel="noopener noreferrer" className={classes.shortLink}>
          {t('done.openNetwork', { network: t(`networks.${result.network}`) })}
        </Anchor>
      ) : null}
      <Group gap="sm">
        <Button component={Link} to="/me/shares" size="lg" variant="default" onClick={onClose}>
          {t('done.myShares')}
        </Button>
        <Button size="lg" onClick={onClose}>
          {t('done.close')}
        </Button>
      </Group>
    </Stack>
  );
}
