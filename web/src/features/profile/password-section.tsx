import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';

const MIN_LENGTH = 12;

/** Set a first password, or change it; sign-in links keep working either way. */
export function PasswordSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const updatePerson = useUpdateCurrentPerson();
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);

  const save = useMutation({
    mutationFn: () => api<void>('/api/v1/me/password', { method: 'PUT', json: { password } }),
    onSuccess: () => {
      setPassword('');
      updatePerson({ ...person, hasPassword: true });
      notifySuccess(t('profile.passwordSaved'));
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const short = password.length < MIN_LENGTH;
    setTooShort(short);
    if (!short) save.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-password">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="profile-password">
            {t('profile.password')}
          </Title>
          <Text>{person.hasPassword ? t('profile.passwordSet') : t('profile.passwordNotSet')}</Text>
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('profile.passwordHelp', { min: MIN_LENGTH })}
            autoComplete="new-password"
            required
            value={password}
            error={tooShort ? t('profile.passwordTooShort', { min: MIN_LENGTH }) : undefined}
            onChange={(event) => setPassword(event.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.togglePassword') }}
          />
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {person.hasPassword ? t('profile.changePassword') : t('profile.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
