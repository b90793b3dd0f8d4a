import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/notify';

/** GET/PUT /api/v1/settings/analytics: the assumptions behind earned media value and reach. */
interface AnalyticsSettings {
  emv: { currency: string; costPerClick: number; costPerThousandImpressions: number; impressionsPerNetworkMember: number };
  defaultNetworkSize: number;
}

const SETTINGS_PATH = '/api/v1/settings/analytics';
const settingsKey = ['analytics-settings'] as const;

/** Admins set what a click and a thousand impressions are worth, and the network size assumed when unknown. */
export function AnalyticsSettingsForm() {
  const { t } = useTranslation('analytics');
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api<AnalyticsSettings>(SETTINGS_PATH) });
  const [values, setValues] = useState<AnalyticsSettings | null>(null);
  useEffect(() => {
    if (settings.data) setValues(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (next: AnalyticsSettings) => api<AnalyticsSettings>(SETTINGS_PATH, { method: 'PUT', json: next }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
      notifySuccess(t('settings.saved'));
    },
    onError: notifyError,
    meta: { inlineError: true },
  });
  if (!values) return null;
  const emv = (changes: Partial<AnalyticsSettings['emv']>) => setValues({ ...values, emv: { ...values.emv, ...changes } });
  const numberOr = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="analytics-settings">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(values);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="analytics-settings">
            {t('settings.title')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('settings.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
            <TextInput label={t('settings.currency')} value={values.emv.currency} maxLength={3} required onChange={(event) => emv({ currency: event.currentTarget.value.toUpperCase() })} />
            <NumberInput label={t('settings.costPerClick')} min={0} max={1000} decimalScale={2} value={values.emv.costPerClick} onChange={(value) => emv({ costPerClick: numberOr(value, 0) })} />
            <NumberInput
              label={t('settings.costPerThousand')}
              min={0}
              max={10_000}
              decimalScale={2}
              value={values.emv.costPerThousandImpressions}
              onChange={(value) => emv({ costPerThousandImpressions: numberOr(value, 0) })}
            />
            <NumberInput
              label={t('settings.impressionsPerMember')}
              description={t('settings.impressionsPerMemberHelp')}
              min={0}
              max={10}
              decimalScale={3}
              step={0.01}
              value={values.emv.impressionsPerNetworkMember}
              onChange={(value) => emv({ impressionsPerNetworkMember: numberOr(value, 0) })}
            />
            <NumberInput
              label={t('settings.defaultNetworkSize')}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              value={values.defaultNetworkSize}
              onChange={(value) => setValues({ ...values, defaultNetworkSize: numberOr(value, 0) })}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} mih={44}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
