import { Alert, Button, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, query } from '../../lib/api';
import { isLanguage, type Language, type Session } from '../../lib/types';
import { useStartSession } from '../auth/session';

/** `/setup?token=…`: the first run, which creates the first admin. */
export default function SetupPage() {
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const navigate = useNavigate();
  const startSession = useStartSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<Language>(i18n.resolvedLanguage === 'nl' ? 'nl' : 'en');

  const status = useQuery({
    queryKey: ['setup-status', token],
    queryFn: () =>
      api<{ valid: boolean }>(`/api/setup/status${query({ token })}`, {
        redirectOnUnauthorized: false,
      }),
    enabled: token !== '',
  });

  const setup = useMutation({
    mutationFn: () =>
      api<Session>('/api/setup', {
        method: 'POST',
        json: { token, name: name.trim(), email: email.trim(), language },
        redirectOnUnauthorized: false,
      }),
    onSuccess: (session) => {
      startSession(session);
      void i18n.changeLanguage(session.person.language);
      void navigate('/people', { replace: true });
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };

  let content: ReactNode;
  if (token !== '' && status.isPending) {
    content = <PageLoader />;
  } else if (status.isError) {
    content = <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  } else if (token === '' || !status.data?.valid) {
    content = (
      <Alert color="red" title={t('setup.invalidTitle')} role="alert">
        {t('setup.invalid')}
      </Alert>
    );
  } else {
    content = (
      <Paper withBorder p="lg">
        <form onSubmit={onSubmit}>
          <Stack>
            <Text>{t('setup.intro')}</Text>
            <TextInput
              label={t('setup.name')}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <TextInput
              label={t('setup.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <NativeSelect
              label={t('setup.language')}
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
            {setup.error ? <ErrorAlert error={setup.error} /> : null}
            <Button type="submit" loading={setup.isPending}>
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    );
  }

  return (
    <Page title={t('setup.title')} width={520}>
      {content}
    </Page>
  );
}
