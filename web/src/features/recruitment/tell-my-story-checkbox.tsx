import { Checkbox } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import type { Person } from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';

/**
 * "I'd like to tell my story": the person's own wish to be featured; the content gaps suggest
 * them first to communications. Saved as soon as it is ticked or unticked.
 */
export function TellMyStoryCheckbox({ person }: { person: Person }) {
  const { t } = useTranslation('recruitment');
  const updatePerson = useUpdateCurrentPerson();
  const save = useMutation({
    mutationFn: (tellMyStory: boolean) => api<Person>('/api/v1/me', { method: 'PATCH', json: { tellMyStory } }),
    onSuccess: (saved, tellMyStory) => {
      updatePerson(saved);
      showSuccess(tellMyStory ? t('profile.tellMyStoryOn') : t('profile.tellMyStoryOff'));
    },
  });
  const checked = save.isPending ? save.variables : person.tellMyStory === true;

  return (
    <Checkbox
      label={t('profile.tellMyStory')}
      description={t('profile.tellMyStoryHelp')}
      checked={checked}
      // Not disabled while saving, so keyboard focus stays on it; a second change waits for the first.
      onChange={(event) => {
        if (!save.isPending) save.mutate(event.currentTarget.checked);
      }}
    />
  );
}
