import { Alert, Badge, Button, Card, Group, Input, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { type SyncReport, useForgetRecruitment, type VacancySource } from './recruitment-api';
import { SyncReportView, useReportSummary } from './sync-report';
import classes from './recruitment.module.css';

type Shown = { kind: 'sync' | 'upload'; report: SyncReport } | 'dismissed' | null;

function uploadCsv(sourceId: string, file: File, confirmMassClose: boolean) {
  return api<SyncReport>(
    `/api/v1/vacancy-sources/${encodeURIComponent(sourceId)}/upload${confirmMassClose ? '?confirmMassClose=true' : ''}`,
    { method: 'POST', body: file, contentType: 'text/csv' },
  );
}

/** One vacancy source: its feed, last sync and error, "Sync now" (or a CSV upload) and the report. */
export function SourceCard({ source }: { source: VacancySource }) {
  const { t } = useTranslation('recruitment');
  const headingId = useId();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState<Shown>(null);
  const forget = useForgetRecruitment();
  const summary = useReportSummary();

  // The confirm and dismiss buttons vanish once used: focus moves to the summary that replaces them.
  const focusStatus = () => requestAnimationFrame(() => statusRef.current?.focus());

  const done = (kind: 'sync' | 'upload') => (report: SyncReport) => {
    setShown({ kind, report });
    forget();
  };
  const id = encodeURIComponent(source.id);
  const sync = useMutation({
    mutationFn: () => api<SyncReport>(`/api/v1/vacancy-sources/${id}/sync`, { method: 'POST' }),
    onSuccess: done('sync'),
    meta: { inlineError: true },
  });
  const confirm = useMutation({
    mutationFn: () => api<SyncReport>(`/api/v1/vacancy-sources/${id}/sync/confirm`, { method: 'POST' }),
    onSuccess: (report) => {
      done('sync')(report);
      focusStatus();
    },
    meta: { inlineError: true },
  });
  const upload = useMutation({
    mutationFn: ({ csv, confirmMassClose }: { csv: File; confirmMassClose: boolean }) =>
      uploadCsv(source.id, csv, confirmMassClose),
    onSuccess: done('upload'),
    meta: { inlineError: true },
  });
  const busy = sync.isPending || confirm.isPending || upload.isPending;
  const error = sync.error ?? confirm.error ?? upload.error;
  const report = shown !== null && shown !== 'dismissed' ? shown : null;

  const start = (action: () => void) => {
    sync.reset();
    confirm.reset();
    upload.reset();
    setShown(null);
    action();
  };

  return (
    <Card component="article" withBorder padding="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId} className={classes.wrap}>
            {source.name}
          </Title>
          {source.active ? null : (
            <Badge color="gray" variant="light" tt="none">
              {t('sources.inactive')}
            </Badge>
          )}
        </Group>
        <dl className={classes.facts}>
          <dt>{t('sources.typeLabel')}</dt>
          <dd>{t(`sourceTypes.${source.type}`)}</dd>
          <dt>{t('sources.urlLabel')}</dt>
          <dd className={classes.wrap}>{source.url ?? t('sources.uploadOnly')}</dd>
          <dt>{t('sources.lastSynced')}</dt>
          <dd>{source.lastSyncedAt ? formatDateTime(source.lastSyncedAt) : t('sources.neverSynced')}</dd>
        </dl>
        {source.lastError && !report ? (
          <Alert color="red" title={t('sources.lastErrorTitle')}>
            <Text className={classes.wrap}>{source.lastError}</Text>
            <Text size="sm" mt={4}>
              {t('sources.lastErrorNote')}
            </Text>
          </Alert>
        ) : null}

        {source.url ? (
          <Group>
            <Button onClick={() => start(() => sync.mutate())} loading={sync.isPending} disabled={busy} aria-describedby={headingId}>
              {t('sources.syncNow')}
            </Button>
          </Group>
        ) : null}
        {source.type === 'csv' ? (
          <Stack gap="xs">
            <Input.Wrapper
              id={fileId}
              label={
                <>
                  {t('sources.csvFile')} <VisuallyHidden>{t('common.for', { name: source.name })}</VisuallyHidden>
                </>
              }
              description={t('sources.csvHelp')}
            >
              <input
                id={fileId}
                ref={fileRef}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${fileId}-description`}
                className={classes.fileInput}
                onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
              />
            </Input.Wrapper>
            <Group>
              <Button
                variant={source.url ? 'default' : 'filled'}
                onClick={() => file && start(() => upload.mutate({ csv: file, confirmMassClose: false }))}
                loading={upload.isPending}
                disabled={busy || !file}
                aria-describedby={headingId}
              >
                {t('sources.upload')}
              </Button>
            </Group>
          </Stack>
        ) : null}

        {report ? (
          <Title order={4} size="h5">
            {report.kind === 'sync' ? t('report.syncTitle') : t('report.uploadTitle')}
          </Title>
        ) : null}
        {/* Always rendered, so screen readers announce each new summary. */}
        <Text ref={statusRef} tabIndex={-1} role="status" aria-live="polite" fw={report ? 600 : undefined}>
          {busy
            ? upload.isPending
              ? t('sources.uploading')
              : t('sources.syncing')
            : summary(report?.report ?? (shown === 'dismissed' ? 'dismissed' : null))}
        </Text>
        {error ? <ErrorAlert error={error} /> : null}
        {report ? (
          <SyncReportView
            report={report.report}
            kind={report.kind}
            confirming={confirm.isPending || upload.isPending}
            onConfirm={() => {
              if (report.kind === 'sync') confirm.mutate();
              else if (file) upload.mutate({ csv: file, confirmMassClose: true }, { onSuccess: focusStatus });
            }}
            onDismiss={() => {
              setShown('dismissed');
              focusStatus();
              if (report.kind === 'upload' && fileRef.current) {
                fileRef.current.value = '';
                setFile(null);
              }
            }}
          />
        ) : null}
      </Stack>
    </Card>
  );
}
