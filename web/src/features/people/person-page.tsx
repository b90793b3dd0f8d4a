import { Alert, Button, Fieldset, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { downloadJson } from '../../lib/download';
import { notifyError, notifySuccess } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { type PersonInput, peopleKey, personKey } from './people-api';
import { PersonFormFields, personInput } from './person-form';
import { StatusBadge } from './status-badge';
import { AlumniFacts, MarkLeaverButton } from '../alumni/mark-leaver';

/** `/people/:id`: view a person; admins edit, invite, export and erase. */
export default function PersonPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const isAdmin = hasAnyRole(useCurrentPerson(), ['admin']);
  const [value, setValue] = useState<PersonInput | null>(null);
  const [eraseOpened, eraseModal] = useDisclosure(false);

  const person = useQuery({
    queryKey: personKey(id),
    queryFn: () => api<Person>(`/api/v1/people/${encodeURIComponent(id)}`),
  });

  useEffect(() => {
    if (person.data) setValue(personInput(person.data, i18n.language));
  }, [person.data, i18n.language]);

  const onSaved = (saved: Person) => {
    queryClient.setQueryData(personKey(id), saved);
    void queryClient.invalidateQueries({ queryKey: peopleKey });
  };

  const save = useMutation({
    mutationFn: (input: PersonInput) =>
      api<Person>(`/api/v1/people/${encodeURIComponent(id)}`, { method: 'PATCH', json: input }),
    onSuccess: (saved) => {
      onSaved(saved);
      notifySuccess(t('person.saved'));
    },
    meta: { inlineError: true },
  });

  const invite = useMutation({
    mutationFn: () => api<void>(`/api/v1/people/${encodeURIComponent(id)}/invite`, { method: 'POST' }),
    onSuccess: () => notifySuccess(t('person.invitationSent')),
  });

  const erase = useMutation({
    mutationFn: () =>
      api<Person>(`/api/v1/people/${encodeURIComponent(id)}/erase`, { method: 'POST' }),
    onSuccess: (erased) => {
      onSaved(erased);
      eraseModal.close();
      notifySuccess(t('person.erased'));
    },
  });

  const exportData = useMutation({
    mutationFn: () =>
      downloadJson(`/api/v1/people/${encodeURIComponent(id)}/export`, `podium-person-${id}.json`),
    onError: notifyError,
    meta: { inlineError: true },
  });

  if (person.isPending) return <PageLoader />;
  if (person.isError) {
    return (
      <Page title={t('person.title')}>
        <ErrorAlert error={person.error} onRetry={() => void person.refetch()} />
      </Page>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value) save.mutate({ ...value, name: value.name.trim(), email: value.email.trim() });
  };

  return (
    <Page title={person.data.name || t('person.title')} width={900}>
      <Group gap="sm">
        <StatusBadge status={person.data.ambassadorStatus} />
        {person.data.active ? null : <Text c="gray.8">{t('people.deactivated')}</Text>}
      </Group>
      {isAdmin ? <AlumniFacts person={person.data} /> : null}

      {value ? (
        <form onSubmit={onSubmit}>
          <Stack>
            <Fieldset legend={t('person.details')} disabled={!isAdmin} variant="unstyled">
              <PersonFormFields value={value} onChange={setValue} />
            </Fieldset>
            {save.error ? <ErrorAlert error={save.error} /> : null}
            {isAdmin ? (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('person.save')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </form>
      ) : null}

      {isAdmin ? (
        <Paper withBorder p="md" component="section" aria-labelledby="person-actions">
          <Stack>
            <Title order={2} size="h4" id="person-actions">
              {t('person.actions')}
            </Title>
            <Group>
              <Button variant="default" onClick={() => invite.mutate()} loading={invite.isPending}>
                {t('person.sendInvitation')}
              </Button>
              <Button
                variant="default"
                onClick={() => exportData.mutate()}
                loading={exportData.isPending}
              >
                {t('person.exportData')}
              </Button>
              <MarkLeaverButton person={person.data} />
              <Button color="red" onClick={eraseModal.open}>
                {t('person.erase')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      <Modal
        opened={eraseOpened}
        onClose={eraseModal.close}
        title={t('person.eraseTitle', { name: person.data.name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Alert color="red">{t('person.eraseWarning')}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={eraseModal.close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => erase.mutate()} loading={erase.isPending}>
              {t('person.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
