import { Button, Group, NumberInput, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import { StorySection } from '../stories/story-section';

interface ProgrammeSettings {
  yearlyTarget: number;
  disclosure: { enabled: boolean; textNl: string; textEn: string };
}

const programmeKey = ['settings', 'programme'] as const;

/** `/settings/programme`: the yearly storytelling target and the employment disclosure. */
export default function ProgrammeSettingsPage() {
  const { t } = useTranslation('editorial');
  const settings = useQuery({
    queryKey: programmeKey,
    queryFn: () => api<ProgrammeSettings>('/api/v1/settings/programme'),
  });
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) {
    return (
      <Page title={t('programme.title')}>
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      </Page>
    );
  }
  return <ProgrammeForm initial={settings.data} />;
}

function ProgrammeForm({ initial }: { initial: ProgrammeSettings }) {
  const { t } = useTranslation('editorial');
  const queryClient = useQueryClient();
  const [value, setValue] = useState(initial);
  const [status, setStatus] = useState('');
  const setDisclosure = (patch: Partial<ProgrammeSettings['disclosure']>) =>
    setValue((old) => ({ ...old, disclosure: { ...old.disclosure, ...patch } }));

  const save = useMutation({
    mutationFn: (input: ProgrammeSettings) =>
      api<ProgrammeSettings>('/api/v1/settings/programme', { method: 'PUT', json: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(programmeKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      setValue(saved);
      setStatus(t('programme.saved'));
      showSuccess(t('programme.saved'));
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    save.mutate({
      yearlyTarget: value.yearlyTarget,
      disclosure: {
        enabled: value.disclosure.enabled,
        textNl: value.disclosure.textNl.trim(),
        textEn: value.disclosure.textEn.trim(),
      },
    });
  };

  return (
    <Page title={t('programme.title')} width={760}>
      <form onSubmit={onSubmit}>
        <Stack>
          <StorySection title={t('programme.targetTitle')}>
            <NumberInput
              label={t('programme.yearlyTarget')}
              description={t('programme.yearlyTargetHelp')}
              min={1}
              max={10000}
              step={1}
              allowDecimal={false}
              allowNegative={false}
              required
              value={value.yearlyTarget}
              onChange={(next) => setValue((old) => ({ ...old, yearlyTarget: typeof next === 'number' ? next : 0 }))}
              maw={240}
            />
          </StorySection>
          <StorySection title={t('programme.disclosureTitle')}>
            <Text size="sm">{t('programme.disclosureIntro')}</Text>
            <Switch
              label={t('programme.disclosureEnabled')}
              checked={value.disclosure.enabled}
              onChange={(event) => setDisclosure({ enabled: event.currentTarget.checked })}
            />
            <Textarea
              label={t('programme.disclosureNl')}
              lang="nl"
              autosize
              minRows={2}
              required={value.disclosure.enabled}
              maxLength={100}
              value={value.disclosure.textNl}
              onChange={(event) => setDisclosure({ textNl: event.currentTarget.value })}
            />
            <Textarea
              label={t('programme.disclosureEn')}
              lang="en"
              autosize
              minRows={2}
              required={value.disclosure.enabled}
              maxLength={100}
              value={value.disclosure.textEn}
              onChange={(event) => setDisclosure({ textEn: event.currentTarget.value })}
            />
          </StorySection>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
          <Text role="status" aria-live="polite" size="sm">
            {status}
          </Text>
        </Stack>
      </form>
    </Page>
  );
}
