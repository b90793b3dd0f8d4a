import { Alert, Button, Checkbox, Code, CopyButton, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { ROLES, type Role } from '../../lib/types';
import { TokenTable, useApiTokens, useCreateToken } from './api-tokens';


/** Create a token; its secret is shown here once, to copy into the other system. */
function NewTokenForm() {
  const { t } = useTranslation('analyticsReports');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('ambassador');
  const [analytics, setAnalytics] = useState(true);
  const create = useCreateToken(() => setName(''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role, scopes: analytics ? ['analytics'] : [] });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-token">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="new-token">
            {t('tokens.new')}
          </Title>
          <TextInput label={t('tokens.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} />
          <Select
            label={t('tokens.role')}
            value={role}
            onChange={(v) => setRole((ROLES as readonly string[]).includes(v ?? '') ? (v as Role) : 'ambassador')}
            data={ROLES.map((r) => ({ value: r, label: t(`tokens.roles.${r}`) }))}
            allowDeselect={false}
          />
          <Checkbox label={t('tokens.analyticsScope')} checked={analytics} onChange={(e) => setAnalytics(e.currentTarget.checked)} />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          {create.data ? (
            <Alert color="teal" role="status">
              <Stack gap="xs" align="flex-start">
                <Text fw={700}>{t('tokens.secretTitle')}</Text>
                <Text>{t('tokens.secretHelp')}</Text>
                <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="token-secret">
                  {create.data.token}
                </Code>
                <CopyButton value={create.data.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="default" onClick={copy}>
                      {copied ? t('tokens.copied') : t('tokens.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Stack>
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** `/admin/tokens`: API tokens for other systems (an ATS, a BI tool with the analytics scope); admins only. */
export default function TokensPage() {
  const { t } = useTranslation('analyticsReports');
  const { tokens, revoke } = useApiTokens();
  const items = tokens.data?.items ?? [];

  return (
    <Page title={t('tokens.title')} width={1000}>
      <Text>{t('tokens.intro')}</Text>
      {tokens.isPending ? <PageLoader /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.isSuccess && items.length === 0 ? <Text>{t('tokens.empty')}</Text> : null}
      {items.length > 0 ? (
        <TokenTable items={items} label={t('tokens.title')} withRoleAndScopes revoke={revoke} />
      ) : null}
      <NewTokenForm />
    </Page>
  );
}
