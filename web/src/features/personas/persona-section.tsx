import { Alert, Badge, Button, Group, List, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { usePersona, useSaveAssessment } from './personas-api';
import { type AssessmentAnswers, type PersonaKey, type PersonaReason, type PersonaView, QUESTION_KEYS } from './personas-types';

/** Weeks of history shown on the card (the API keeps two years). */
const HISTORY_SHOWN = 8;

/** One reason in plain words, with whether it spoke for or against the type. */
function ReasonItem({ reason }: { reason: PersonaReason }) {
  const { t } = useTranslation('personas');
  const value = reason.value ?? '—';
  return (
    <List.Item>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        {reason.signal !== 'too_little_data' ? (
          <Badge variant="light" color={reason.effect >= 0 ? 'teal' : 'gray'} tt="none" miw={64}>
            {reason.effect >= 0 ? t('card.for') : t('card.against')}
          </Badge>
        ) : null}
        <Text size="sm">{t(`reasons.${reason.signal}` as never, { value }) as string}</Text>
      </Group>
    </List.Item>
  );
}

/** The four questions, each 1–5 with what the ends mean; saving recomputes the persona at once. */
function AssessmentForm({ view, personId }: { view: PersonaView; personId: string }) {
  const { t } = useTranslation('personas');
  const save = useSaveAssessment(personId);
  const [answers, setAnswers] = useState<Partial<AssessmentAnswers>>(view.assessment.answers ?? {});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setAnswers(view.assessment.answers ?? {}), [view.assessment.answers]);
  const complete = QUESTION_KEYS.every((key) => typeof answers[key] === 'number');
  const points = Array.from({ length: view.assessment.scale.max - view.assessment.scale.min + 1 }, (_, i) => String(view.assessment.scale.min + i));
  const submit = (next: AssessmentAnswers | null) =>
    save.mutate(next, {
      onSuccess: (saved) => setMessage(t(next ? 'assessment.saved' : 'assessment.withdrawn', { name: t(`names.${saved.persona}`) })),
      onError: notifyError,
    });

  return (
    <Stack gap="sm" component="form" onSubmit={(event) => {
      event.preventDefault();
      if (complete) submit(answers as AssessmentAnswers);
    }}>
      <Title order={3} size="h4">
        {t('assessment.title')}
      </Title>
      <Text size="sm">{t('assessment.intro')}</Text>
      {view.assessment.questions.map((question) => (
        <Radio.Group
          key={question.key}
          label={question.text}
          description={t('assessment.scale', { low: question.low, high: question.high })}
          value={answers[question.key] ? String(answers[question.key]) : null}
          onChange={(value) => setAnswers((old) => ({ ...old, [question.key]: Number(value) }))}
        >
          <Group gap="lg" mt="xs">
            {points.map((point) => (
              <Radio key={point} value={point} label={point} size="md" />
            ))}
          </Group>
        </Radio.Group>
      ))}
      {message ? (
        <Alert color="teal" role="status">
          {message}
        </Alert>
      ) : null}
      <Group>
        <Button type="submit" loading={save.isPending} disabled={!complete} aria-describedby={complete ? undefined : `${personId}-incomplete`}>
          {t('assessment.save')}
        </Button>
        {view.assessment.answers ? (
          <Button variant="default" loading={save.isPending} onClick={() => submit(null)}>
            {t('assessment.withdraw')}
          </Button>
        ) : null}
      </Group>
      {!complete ? (
        <Text size="sm" c="gray.7" id={`${personId}-incomplete`}>
          {t('assessment.incomplete')}
        </Text>
      ) : null}
      {view.assessment.answeredAt ? (
        <Text size="sm" c="gray.7">
          {t('assessment.answeredAt', { date: formatDate(view.assessment.answeredAt) })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The persona card of the profile page: my persona, why, its weekly history and the self-assessment to correct it. */
export function PersonaSection({ person }: { person: { id: string } }) {
  const { t } = useTranslation('personas');
  const persona = usePersona(person.id);
  const name = (key: PersonaKey) => t(`names.${key}`);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-persona">
      <Stack>
        <Title order={2} size="h3" id="profile-persona">
          {t('card.title')}
        </Title>
        <Text size="sm">{t('card.intro')}</Text>
        {persona.isPending ? <PageLoader /> : null}
        {persona.isError ? <ErrorAlert error={persona.error} onRetry={() => void persona.refetch()} /> : null}
        {persona.data ? (
          <>
            <Group gap="sm" align="baseline">
              <Text fw={700} size="xl">
                {name(persona.data.persona)}
              </Text>
              {persona.data.since && persona.data.persona !== 'unknown' ? (
                <Text size="sm" c="gray.7">
                  {t('card.since', { date: formatDate(persona.data.since) })}
                </Text>
              ) : null}
            </Group>
            <Text>{t(`descriptions.${persona.data.persona}`)}</Text>
            {persona.data.challenger ? (
              <Alert color="blue" variant="light">
                {t('card.challenger', { name: name(persona.data.challenger.persona) })}
              </Alert>
            ) : null}
            <Stack gap={4}>
              <Title order={3} size="h4">
                {t('card.why')}
              </Title>
              {persona.data.reasons.length > 0 ? (
                <List spacing="xs" listStyleType="none" pl={0}>
                  {persona.data.reasons.map((reason) => (
                    <ReasonItem key={reason.signal} reason={reason} />
                  ))}
                </List>
              ) : (
                <Text size="sm">{t('card.noReasons')}</Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Title order={3} size="h4">
                {t('card.history')}
              </Title>
              {persona.data.history.length > 0 ? (
                <List size="sm" spacing={2}>
                  {persona.data.history.slice(0, HISTORY_SHOWN).map((week) => (
                    <List.Item key={week.week}>
                      {t('card.weekOf', { date: formatDate(week.week) })}: {name(week.persona)}
                    </List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">{t('card.historyEmpty')}</Text>
              )}
            </Stack>
            <AssessmentForm view={persona.data} personId={person.id} />
            <Text size="sm" c="gray.7">
              {t('card.privacy')}
            </Text>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
