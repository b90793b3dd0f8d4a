import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListQueryStatus, Page } from '../../app/page';
import { notifySuccess } from '../../lib/notify';
import { type Guardrails, useGuardrails, useSaveGuardrails } from './nudges-api';
import { NudgesSubnav } from './nudges-subnav';

/** `/admin/nudges/guardrails`: the weekly cap, quiet hours, weekends and the default holdout share. */
export default function GuardrailsPage() {
  const { t } = useTranslation('nudges');
  const guardrails = useGuardrails();
  const save = useSaveGuardrails();
  const [form, setForm] = useState<Guardrails | null>(null);
  useEffect(() => {
    if (guardrails.data) setForm(guardrails.data);
  }, [guardrails.data]);
  return (
    <Page title={t('guardrails.title')} width={800}>
      <NudgesSubnav />
      <Text>{t('guardrails.intro')}</Text>
      <ListQueryStatus query={guardrails} summary="" />
      {form ? (
        <Paper withBorder p="md">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate(form, { onSuccess: () => notifySuccess(t('guardrails.saved')) });
            }}
          >
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('guardrails.perWeek')}
                  description={t('guardrails.perWeekHelp')}
                  min={0}
                  max={14}
                  allowDecimal={false}
                  value={form.perWeek}
                  onChange={(value) => setForm({ ...form, perWeek: typeof value === 'number' ? value : 0 })}
                />
                <NumberInput
                  label={t('guardrails.holdout')}
                  description={t('guardrails.holdoutHelp')}
                  min={0}
                  max={50}
                  allowDecimal={false}
                  value={form.holdoutPercent}
                  onChange={(value) => setForm({ ...form, holdoutPercent: typeof value === 'number' ? value : 0 })}
                />
                <TextInput
                  type="time"
                  label={t('guardrails.quietStart')}
                  description={t('guardrails.quietHelp')}
                  value={form.quietStart}
                  onChange={(e) => setForm({ ...form, quietStart: e.currentTarget.value })}
                />
                <TextInput type="time" label={t('guardrails.quietEnd')} value={form.quietEnd} onChange={(e) => setForm({ ...form, quietEnd: e.currentTarget.value })} />
              </SimpleGrid>
              <Switch label={t('guardrails.weekends')} description={t('guardrails.weekendsHelp')} checked={form.weekends} onChange={(e) => setForm({ ...form, weekends: e.currentTarget.checked })} />
              <Group>
                <Button type="submit" loading={save.isPending} mih={44}>
                  {t('guardrails.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Page>
  );
}
