import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageLoader, Page } from '../../app/page';
import { ApiError } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from '../../lib/types';
import { type NewTemplate, type NudgeText, PERSONAS, type Persona, TRIGGERS, type Trigger, useCreateTemplate, useTemplates, useUpdateTemplate } from './nudges-api';
import { NudgesSubnav } from './nudges-subnav';
import { NUDGE_TEMPLATES_PAGE, nudgeTemplatePage } from './paths';

const emptyText: NudgeText = { subject: '', body: '', action: '' };
const blank: NewTemplate = { key: '', trigger: 'new_story', params: {}, personas: ['unknown'], channel: 'email', texts: { en: emptyText, nl: emptyText }, enabled: true, holdoutPercent: 10 };

function TextFields({ language, value, onChange }: { language: 'nl' | 'en'; value: NudgeText; onChange: (text: NudgeText) => void }) {
  const { t } = useTranslation('nudges');
  return (
    <Paper withBorder p="md" component="fieldset" style={{ border: undefined }}>
      <Stack gap="sm">
        <Title order={2} size="h4" component="legend">
          {t(`edit.texts.${language}`)}
        </Title>
        <TextInput label={t('edit.subject')} required maxLength={160} value={value.subject} onChange={(e) => onChange({ ...value, subject: e.currentTarget.value })} lang={language} />
        <Textarea label={t('edit.body')} required autosize minRows={3} maxLength={1000} value={value.body} onChange={(e) => onChange({ ...value, body: e.currentTarget.value })} lang={language} />
        <TextInput label={t('edit.action')} required maxLength={60} value={value.action} onChange={(e) => onChange({ ...value, action: e.currentTarget.value })} lang={language} />
      </Stack>
    </Paper>
  );
}

/** `/admin/nudges/templates/new` and `/admin/nudges/templates/:id`: a template's texts, personas, channel, parameters and holdout. */
export default function TemplateEditPage() {
  const { t } = useTranslation('nudges');
  const { id } = useParams();
  const navigate = useNavigate();
  const templates = useTemplates();
  const update = useUpdateTemplate(true);
  const create = useCreateTemplate();
  const existing = id ? templates.data?.items.find((item) => item.id === id) : undefined;
  const [form, setForm] = useState<NewTemplate>(blank);
  const [paramsText, setParamsText] = useState('{}');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (existing) {
      setForm(existing);
      setParamsText(JSON.stringify(existing.params, null, 2));
    }
  }, [existing]);

  if (id && templates.isPending) return <PageLoader />;
  const title = existing ? t('edit.title', { name: existing.texts.en.subject }) : t('edit.newTitle');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(paramsText || '{}');
    } catch {
      setProblem(t('edit.paramsNotJson'));
      return;
    }
    const onError = (error: unknown) => setProblem(error instanceof ApiError ? error.message : String(error));
    if (existing) {
      const { personas, channel, texts, enabled, holdoutPercent } = form;
      update.mutate({ id: existing.id, changes: { params, personas, channel, texts, enabled, holdoutPercent } }, { onSuccess: () => notifySuccess(t('edit.saved')), onError });
    } else {
      create.mutate(
        { ...form, params },
        {
          onSuccess: (saved) => {
            notifySuccess(t('edit.created'));
            navigate(nudgeTemplatePage(saved.id));
          },
          onError,
        },
      );
    }
  };

  const trigger: Trigger = existing?.trigger ?? form.trigger;
  const variables = existing?.variables ?? null;
  return (
    <Page title={title} width={900}>
      <NudgesSubnav />
      {id && !existing ? <Alert color="red">{t('edit.notFound')}</Alert> : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {problem ? (
            <Alert color="red" role="alert" title={t('edit.problem')}>
              {problem}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('edit.key')}
              description={t('edit.keyHelp')}
              required
              disabled={Boolean(existing)}
              value={form.key}
              onChange={(e) => setForm({ ...form, key: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('edit.trigger')}
              description={existing ? t('edit.triggerFixed') : undefined}
              disabled={Boolean(existing)}
              data={TRIGGERS.map((value) => ({ value, label: t(`triggers.${value}`) }))}
              value={trigger}
              onChange={(e) => setForm({ ...form, trigger: e.currentTarget.value as Trigger })}
            />
            <NativeSelect
              label={t('edit.channel')}
              description={t('edit.channelHelp')}
              data={NOTIFICATION_CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
              value={form.channel}
              onChange={(e) => setForm({ ...form, channel: e.currentTarget.value as NotificationChannel })}
            />
            <NumberInput
              label={t('edit.holdout')}
              description={t('edit.holdoutHelp')}
              min={0}
              max={50}
              allowDecimal={false}
              value={form.holdoutPercent}
              onChange={(value) => setForm({ ...form, holdoutPercent: typeof value === 'number' ? value : 0 })}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('edit.personas')} value={form.personas} onChange={(value) => setForm({ ...form, personas: value as Persona[] })}>
            <Group gap="md" mt="xs" wrap="wrap">
              {PERSONAS.map((persona) => (
                <Checkbox key={persona} value={persona} label={t(`personas.${persona}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch label={t('edit.enabled')} checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })} />
          <Textarea label={t('edit.params')} description={t('edit.paramsHelp')} autosize minRows={2} value={paramsText} onChange={(e) => setParamsText(e.currentTarget.value)} ff="monospace" />
          <Text size="sm" c="gray.8">
            {variables ? t('edit.variables', { list: variables.map((v) => `{${v}}`).join(', ') }) : t('edit.variablesAfterSave')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextFields language="nl" value={form.texts.nl} onChange={(nl) => setForm({ ...form, texts: { ...form.texts, nl } })} />
            <TextFields language="en" value={form.texts.en} onChange={(en) => setForm({ ...form, texts: { ...form.texts, en } })} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={update.isPending || create.isPending} mih={44}>
              {existing ? t('edit.save') : t('edit.create')}
            </Button>
            <Button variant="default" mih={44} onClick={() => navigate(NUDGE_TEMPLATES_PAGE)}>
              {t('edit.back')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
