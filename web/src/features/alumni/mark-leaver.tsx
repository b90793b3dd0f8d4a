import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { peopleKey, personKey } from '../people/people-api';
import { type AlumniStatus, alumniStatusKey } from './alumni-api';

const today = () => new Date().toISOString().slice(0, 10);

/** On the person page (admins): for an alumnus, when they left, whether they are in the programme, and their personal e-mail (settable). */
export function AlumniFacts({ person }: { person: Person }) {
  const { t } = useTranslation('alumni');
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const status = useQuery({
    queryKey: alumniStatusKey(person.id),
    queryFn: () => api<AlumniStatus>(`/api/v1/people/${encodeURIComponent(person.id)}/alumni`),
    enabled: person.ambassadorStatus === 'alumni',
  });
  const save = useMutation({
    mutationFn: () => api<AlumniStatus>(`/api/v1/people/${encodeURIComponent(person.id)}/alumni`, { method: 'PATCH', json: { personalEmail: email.trim() } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(alumniStatusKey(person.id), saved);
      setEmail('');
      notifySuccess(t('leaver.personalEmailSaved'));
    },
    meta: { inlineError: true },
  });
  if (person.ambassadorStatus !== 'alumni' || !status.data) return null;
  const { leftAt, alumniJoinedAt, personalEmail } = status.data;
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack gap="xs">
      {leftAt ? <Text>{t('leaver.status', { date: formatDate(leftAt) })}</Text> : null}
      <Text>{alumniJoinedAt ? t('leaver.inProgramme', { date: formatDate(alumniJoinedAt) }) : t('leaver.notInProgramme')}</Text>
      <Text>{personalEmail ? t('leaver.personalEmailKnown', { email: personalEmail }) : t('leaver.noPersonalEmail')}</Text>
      <form onSubmit={onSave}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={personalEmail ? t('leaver.changePersonalEmail') : t('leaver.setPersonalEmail')}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <Button type="submit" variant="default" loading={save.isPending}>
            {t('leaver.savePersonalEmail')}
          </Button>
        </Group>
      </form>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Stack>
  );
}

/** The admin's "Mark as leaver" action: a button and a dialog asking for a personal e-mail and the leaving day. */
export function MarkLeaverButton({ person }: { person: Person }) {
  const { t } = useTranslation('alumni');
  const queryClient = useQueryClient();
  const [opened, modal] = useDisclosure(false);
  const [personalEmail, setPersonalEmail] = useState('');
  const [leftOn, setLeftOn] = useState(today);

  const leave = useMutation({
    mutationFn: () =>
      api<AlumniStatus>(`/api/v1/people/${encodeURIComponent(person.id)}/leave`, {
        method: 'POST',
        json: { leftOn, ...(personalEmail.trim() ? { personalEmail: personalEmail.trim() } : {}) },
      }),
    onSuccess: (status) => {
      queryClient.setQueryData(alumniStatusKey(person.id), status);
      void queryClient.invalidateQueries({ queryKey: personKey(person.id) });
      void queryClient.invalidateQueries({ queryKey: peopleKey });
      modal.close();
      notifySuccess(t('leaver.done', { name: person.name }));
    },
    meta: { inlineError: true },
  });

  if (person.ambassadorStatus === 'alumni') return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    leave.mutate();
  };

  return (
    <>
      <Button variant="default" onClick={modal.open}>
        {t('leaver.markButton')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('leaver.title', { name: person.name })} closeButtonProps={{ 'aria-label': t('programme.cancel') }}>
        <form onSubmit={onSubmit}>
          <Stack>
            <Text>{t('leaver.intro', { name: person.name })}</Text>
            <TextInput
              label={t('leaver.personalEmail')}
              description={t('leaver.personalEmailHelp')}
              type="email"
              autoComplete="off"
              value={personalEmail}
              onChange={(event) => setPersonalEmail(event.currentTarget.value)}
            />
            <TextInput
              label={t('leaver.leftOn')}
              description={t('leaver.leftOnHelp')}
              type="date"
              required
              max={today()}
              value={leftOn}
              onChange={(event) => setLeftOn(event.currentTarget.value)}
            />
            {leave.error ? <ErrorAlert error={leave.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={modal.close}>
                {t('programme.cancel')}
              </Button>
              <Button type="submit" color="grape" loading={leave.isPending}>
                {t('leaver.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
