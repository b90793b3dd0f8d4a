import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** A page with its one h1, which also becomes the document title. */
export function Page({
  title,
  actions,
  children,
  width = 1100,
}: {
  title: string;
  actions?: ReactNode;
  children?: ReactNode;
  width?: number;
}) {
  useEffect(() => {
    document.title = `${title} · Podium`;
  }, [title]);
  return (
    <Stack gap="lg" maw={width} mx="auto" w="100%">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}

/** A centred spinner with an accessible name. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** An error message from the API (already translated), with an optional retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      <Stack gap="xs" align="flex-start">
        <span>{error instanceof Error ? error.message : t('errors.unknown')}</span>
        {onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** What a list query says while it loads, when it fails, and how much it shows (announced politely). */
export function ListQueryStatus({
  query,
  summary,
}: {
  query: { isPending: boolean; isError: boolean; isSuccess: boolean; error: unknown; refetch: () => unknown };
  /** The count sentence, shown once the query succeeded. */
  summary: string;
}) {
  return (
    <>
      {query.isPending ? <PageLoader /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Text role="status" aria-live="polite" c="gray.8">
        {query.isSuccess ? summary : ''}
      </Text>
    </>
  );
}
