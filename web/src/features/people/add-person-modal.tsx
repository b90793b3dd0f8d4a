import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { type PersonInput, peopleKey } from './people-api';
import { PersonFormFields, personInput } from './person-form';

/** "Add person": a modal form that POSTs /api/v1/people. */
export function AddPersonModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { t: alumni } = useTranslation('alumni');
  const queryClient = useQueryClient();
  const [value, setValue] = useState<PersonInput>(() => personInput(null, i18n.language));

  const create = useMutation({
    mutationFn: (input: PersonInput) => api<Person & { rehired?: boolean }>('/api/v1/people', { method: 'POST', json: input }),
    onSuccess: (person) => {
      // A returning colleague (an alumnus's work or personal e-mail) gets their own record back.
      notifySuccess(person.rehired ? alumni('rehired', { name: person.name }) : t('people.add.added', { name: person.name }));
      void queryClient.invalidateQueries({ queryKey: peopleKey });
      setValue(personInput(null, i18n.language));
      onClose();
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...value, name: value.name.trim(), email: value.email.trim() });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('people.add.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={onSubmit}>
        <Stack>
          <PersonFormFields value={value} onChange={setValue} />
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('people.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
