import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncReport } from './recruitment-api';
import classes from './recruitment.module.css';

/** Problems shown before "and N more" (a huge feed can have hundreds). */
const PROBLEMS_SHOWN = 20;

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="xs">
      <Text size="sm" c="gray.8">
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/**
 * The details of a sync or CSV upload report (its one-sentence summary is the card's live
 * status): added / updated / closed / failed and the rows that could not be imported. A report
 * that awaits confirmation offers to close the vacancies anyway.
 */
export function SyncReportView({
  report,
  kind,
  onConfirm,
  confirming,
  onDismiss,
}: {
  report: SyncReport;
  kind: 'sync' | 'upload';
  onConfirm: () => void;
  confirming: boolean;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('recruitment');
  const awaiting = report.status === 'awaiting_confirmation';
  const hidden = report.problems.length - PROBLEMS_SHOWN;

  return (
    <Stack gap="sm">
      {report.status === 'failed' && report.error ? (
        <Alert color="red">
          <Text className={classes.wrap}>{report.error}</Text>
        </Alert>
      ) : null}
      {awaiting ? (
        <Alert color="blue" title={t('report.awaitingTitle')}>
          <Stack gap="sm" align="flex-start">
            <Group gap="sm">
              <Button color="red" onClick={onConfirm} loading={confirming}>
                {kind === 'sync' ? t('report.confirm') : t('report.confirmUpload')}
              </Button>
              <Button variant="default" onClick={onDismiss} disabled={confirming}>
                {t('report.dismiss')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {report.status !== 'failed' ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Count label={t('report.added')} value={report.added} />
          <Count label={t('report.updated')} value={report.updated} />
          <Count label={awaiting ? t('report.wouldClose') : t('report.closed')} value={report.closed} />
          <Count label={t('report.failedCount')} value={report.failed} />
        </SimpleGrid>
      ) : null}
      {report.problems.length > 0 ? (
        <Stack gap={4}>
          <Text fw={600}>{t('report.problems')}</Text>
          <List size="sm" spacing={2}>
            {report.problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
              // Problems carry no id of their own and never reorder.
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
              <List.Item key={index} className={classes.wrap}>
                {problem.externalId
                  ? t('report.problem', { id: problem.externalId, message: problem.message })
                  : t('report.problemNoId', { message: problem.message })}
              </List.Item>
            ))}
          </List>
          {hidden > 0 ? <Text size="sm">{t('report.moreProblems', { count: hidden })}</Text> : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** The one sentence a screen reader hears when a report arrives (or is set aside). */
export function useReportSummary(): (report: SyncReport | 'dismissed' | null) => string {
  const { t } = useTranslation('recruitment');
  return (report) => {
    if (report === null) return '';
    if (report === 'dismissed' || report.status === 'dismissed') return t('report.dismissed');
    // The reason follows in an alert of its own (announced as it appears).
    if (report.status === 'failed') return t('report.failed');
    if (report.status === 'awaiting_confirmation') return t('report.awaiting', { closed: report.closed });
    return t(`report.${report.status}`, {
      added: report.added,
      updated: report.updated,
      closed: report.closed,
      failed: report.failed,
    });
  };
}
