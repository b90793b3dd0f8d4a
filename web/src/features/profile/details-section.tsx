import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { timeZones } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import {
  isLanguage,
  type Language,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  type Person,
} from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';

/** Name, language, time zone, LinkedIn network size and notification channels of the signed-in person. */
export function DetailsSection({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const updatePerson = useUpdateCurrentPerson();
  const [name, setName] = useState(person.name);
  const [language, setLanguage] = useState<Language>(person.language);
  const [timeZone, setTimeZone] = useState(person.timeZone);
  const [channels, setChannels] = useState<NotificationChannel[]>(person.notificationChannels);
  const [networkSize, setNetworkSize] = useState<number | ''>(person.networkSize ?? '');

  const save = useMutation({
    mutationFn: () =>
      api<Person>('/api/v1/me', {
        method: 'PATCH',
        json: { name: name.trim(), language, timeZone, notificationChannels: channels, networkSize: networkSize === '' ? null : networkSize },
      }),
    onSuccess: (saved) => {
      updatePerson(saved);
      void i18n.changeLanguage(saved.language);
      notifySuccess(t('profile.saved'));
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-details">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="profile-details">
            {t('profile.details')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('profile.name')}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <TextInput label={t('profile.email')} value={person.email} readOnly />
            <NativeSelect
              label={t('profile.language')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'nl', label: 'Nederlands' },
              ]}
              value={language}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isLanguage(value)) setLanguage(value);
              }}
            />
            <NativeSelect
              label={t('profile.timeZone')}
              data={timeZones(timeZone)}
              value={timeZone}
              onChange={(event) => setTimeZone(event.currentTarget.value)}
            />
            <NumberInput
              label={t('profile.networkSize')}
              description={t('profile.networkSizeHelp')}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator={language === 'nl' ? '.' : ','}
              decimalSeparator={language === 'nl' ? ',' : '.'}
              value={networkSize}
              onChange={(value) => setNetworkSize(typeof value === 'number' ? value : '')}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('profile.channels')}
            description={t('profile.channelsHelp')}
            value={channels}
            onChange={(values) =>
              setChannels(
                NOTIFICATION_CHANNELS.filter((channel) => values.includes(channel)),
              )
            }
          >
            <Group mt="xs" gap="lg">
              {NOTIFICATION_CHANNELS.map((channel) => (
                <Checkbox key={channel} value={channel} label={t(`channels.${channel}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
