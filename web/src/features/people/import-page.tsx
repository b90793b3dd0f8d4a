import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Input,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportRehires } from '../alumni/import-rehires';
import { Link } from 'react-router';
import { ErrorAlert, Page } from '../../app/page';
import { api } from '../../lib/api';
import type { ImportJob, ImportValidation } from './import-api';
import { peopleKey } from './people-api';
import { RowErrorsTable } from './row-errors-table';

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="gray.8">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function postCsv<T>(file: File, params: string) {
  return api<T>(`/api/v1/people/imports?${params}`, {
    method: 'POST',
    body: file,
    contentType: 'text/csv',
  });
}

/** `/people/import`: check a CSV file first, then import it and follow the progress. */
export default function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [invite, setInvite] = useState(true);
  const [jobId, setJobId] = useState<string | null>(null);

  const validate = useMutation({
    mutationFn: (csv: File) => postCsv<ImportValidation>(csv, 'dryRun=true'),
    meta: { inlineError: true },
  });

  const start = useMutation({
    mutationFn: (csv: File) =>
      postCsv<{ id: string }>(csv, `skipInvalid=true&invite=${invite ? 'true' : 'false'}`),
    onSuccess: (job) => setJobId(job.id),
    meta: { inlineError: true },
  });

  const job = useQuery({
    queryKey: ['people-import', jobId],
    queryFn: () => api<ImportJob>(`/api/v1/people/imports/${encodeURIComponent(jobId ?? '')}`),
    enabled: jobId !== null,
    refetchInterval: (current) =>
      current.state.status !== 'error' && (current.state.data?.status ?? 'running') === 'running'
        ? 500
        : false,
  });

  const finished = !!job.data && job.data.status !== 'running';
  const completed = job.data?.status === 'completed';
  useEffect(() => {
    if (completed) void queryClient.invalidateQueries({ queryKey: peopleKey });
  }, [completed, queryClient]);

  const reset = () => {
    setFile(null);
    setJobId(null);
    validate.reset();
    start.reset();
    if (inputRef.current) inputRef.current.value = '';
  };

  const onFile = (chosen: File | null) => {
    setFile(chosen);
    setJobId(null);
    start.reset();
    validate.reset();
    if (chosen) validate.mutate(chosen);
  };

  const summary = validate.data;
  const percent =
    job.data && job.data.total > 0 ? Math.round((job.data.processed / job.data.total) * 100) : 0;

  return (
    <Page title={t('import.title')} width={900}>
      <Text>{t('import.intro')}</Text>

      {jobId === null ? (
        <Paper withBorder p="md">
          <Stack>
            <Input.Wrapper label={t('import.file')} description={t('import.fileHelp')} id={inputId}>
              <input
                id={inputId}
                ref={inputRef}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${inputId}-description`}
                onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
                style={{ display: 'block', marginTop: 8, minHeight: 32 }}
              />
            </Input.Wrapper>
          </Stack>
        </Paper>
      ) : null}

      <div role="status" aria-live="polite">
        {validate.isPending ? <Text>{t('import.checking')}</Text> : null}
      </div>
      {validate.error ? <ErrorAlert error={validate.error} /> : null}

      {summary && jobId === null ? (
        <Stack component="section" aria-labelledby="import-summary">
          <Text id="import-summary" fw={700} size="lg" role="status">
            {t('import.summaryTitle', { name: file?.name ?? '' })}
          </Text>
          <SimpleGrid cols={{ base: 3 }}>
            <Stat label={t('import.total')} value={summary.total} />
            <Stat label={t('import.valid')} value={summary.valid} />
            <Stat label={t('import.invalid')} value={summary.invalid} />
          </SimpleGrid>
          <RowErrorsTable errors={summary.errors} />
          {summary.invalid > 0 && summary.valid > 0 ? <Text>{t('import.skipNote')}</Text> : null}
          <Checkbox
            label={t('import.sendInvitations')}
            checked={invite}
            onChange={(event) => setInvite(event.currentTarget.checked)}
          />
          {start.error ? <ErrorAlert error={start.error} /> : null}
          <Group>
            <Button
              onClick={() => file && start.mutate(file)}
              loading={start.isPending}
              disabled={summary.valid === 0}
            >
              {t('import.submit', { count: summary.valid })}
            </Button>
            <Button variant="default" onClick={reset}>
              {t('import.chooseAnother')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {jobId !== null ? (
        <Paper withBorder p="md" component="section" aria-labelledby="import-progress-title">
          <Stack>
            <Text id="import-progress-title" fw={700} size="lg">
              {t('import.progressTitle')}
            </Text>
            <Progress.Root
              size="xl"
              role="progressbar"
              aria-label={t('import.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={job.data?.total ?? 0}
              aria-valuenow={job.data?.processed ?? 0}
              aria-valuetext={
                job.data
                  ? t('import.progressText', {
                      processed: job.data.processed,
                      total: job.data.total,
                      phase: t(`import.phases.${job.data.phase}`),
                    })
                  : t('common.loading')
              }
            >
              <Progress.Section value={finished ? 100 : percent} withAria={false} />
            </Progress.Root>
            <Text role="status" aria-live="polite">
              {job.data
                ? t('import.progressText', {
                    processed: job.data.processed,
                    total: job.data.total,
                    phase: t(`import.phases.${job.data.phase}`),
                  })
                : t('common.loading')}
            </Text>
            {job.isError ? <ErrorAlert error={job.error} onRetry={() => void job.refetch()} /> : null}
            {finished && job.data ? (
              <div role="alert">
                {job.data.status === 'completed' ? (
                  <Alert color="blue" title={t('import.doneTitle')}>
                    {t('import.doneSummary', {
                      created: job.data.created,
                      updated: job.data.updated,
                      invited: job.data.invited,
                    })}
                  </Alert>
                ) : (
                  <Alert color="red" title={t('import.failedTitle')}>
                    {job.data.message ?? t('import.failed')}
                  </Alert>
                )}
              </div>
            ) : null}
            {finished && job.data ? <ImportRehires rehired={job.data.rehired ?? []} /> : null}
            {finished && job.data ? <RowErrorsTable errors={job.data.errors} /> : null}
            {finished ? (
              <Group>
                <Anchor component={Link} to="/people">
                  {t('import.backToPeople')}
                </Anchor>
                <Button variant="default" onClick={reset}>
                  {t('import.another')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Page>
  );
}
