import { Alert, Anchor, Button, Code, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { TokenTable, useApiTokens, useCreateToken } from '../analytics-reports/api-tokens';


/** The SCIM base URL identity providers are given: this Podium's address plus /scim/v2. */
const scimBaseUrl = () => `${window.location.origin}/scim/v2`;

function CopyValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  const { t } = useTranslation('scim');
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', flex: 1 }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy} aria-label={t('copyLabel', { what: label })}>
            {copied ? t('copied') : t('copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * A token for the identity provider: the `scim` scope (ambassador role, no person); the auth hook
 * refuses it on every route outside /scim/v2. Shown once.
 */
function NewScimToken() {
  const { t } = useTranslation('scim');
  const [name, setName] = useState('');
  const create = useCreateToken(() => setName(''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role: 'ambassador', scopes: ['scim'], personId: null });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="scim-new-token">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="scim-new-token">
            {t('token.new')}
          </Title>
          <TextInput label={t('token.name')} description={t('token.nameHelp')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          {create.data ? (
            <Alert color="teal" role="status">
              <Stack gap="xs">
                <Text fw={700}>{t('token.secretTitle')}</Text>
                <Text>{t('token.secretHelp')}</Text>
                <CopyValue value={create.data.token} label={t('token.secretLabel')} testId="scim-token-secret" />
              </Stack>
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
              {t('token.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ScimTokens() {
  const { t } = useTranslation('scim');
  const { tokens, revoke } = useApiTokens(t('token.revoked'));
  const items = (tokens.data?.items ?? []).filter((token) => token.scopes.includes('scim'));
  return (
    <Stack component="section" aria-labelledby="scim-tokens">
      <Title order={2} size="h3" id="scim-tokens">
        {t('token.title')}
      </Title>
      {tokens.isPending ? <PageLoader /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.isSuccess && items.length === 0 ? <Text>{t('token.empty')}</Text> : null}
      {items.length > 0 ? (
        <TokenTable items={items} label={t('token.title')} withRoleAndScopes={false} revoke={revoke} />
      ) : null}
    </Stack>
  );
}

/** `/admin/scim`: connecting an identity provider (Microsoft Entra ID, Okta) for SCIM provisioning; admins only. */
export default function ScimPage() {
  const { t } = useTranslation('scim');
  return (
    <Page title={t('title')} width={900}>
      <Text>{t('intro')}</Text>
      <Paper withBorder p="md" component="section" aria-labelledby="scim-connection">
        <Stack>
          <Title order={2} size="h3" id="scim-connection">
            {t('connection.title')}
          </Title>
          <Text>{t('connection.baseUrl')}</Text>
          <CopyValue value={scimBaseUrl()} label={t('connection.baseUrlLabel')} testId="scim-base-url" />
          <Text>{t('connection.auth')}</Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="scim-mapping">
        <Stack>
          <Title order={2} size="h3" id="scim-mapping">
            {t('mapping.title')}
          </Title>
          <List spacing="xs">
            <List.Item>{t('mapping.user')}</List.Item>
            <List.Item>{t('mapping.department')}</List.Item>
            <List.Item>{t('mapping.deactivate')}</List.Item>
            <List.Item>{t('mapping.reactivate')}</List.Item>
            <List.Item>{t('mapping.groups')}</List.Item>
            <List.Item>{t('mapping.invite')}</List.Item>
          </List>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="scim-providers">
        <Stack>
          <Title order={2} size="h3" id="scim-providers">
            {t('providers.title')}
          </Title>
          <Title order={3} size="h4">
            Microsoft Entra ID
          </Title>
          <List type="ordered" spacing="xs">
            <List.Item>{t('providers.entra.step1')}</List.Item>
            <List.Item>{t('providers.entra.step2')}</List.Item>
            <List.Item>{t('providers.entra.step3')}</List.Item>
          </List>
          <Title order={3} size="h4">
            Okta
          </Title>
          <List type="ordered" spacing="xs">
            <List.Item>{t('providers.okta.step1')}</List.Item>
            <List.Item>{t('providers.okta.step2')}</List.Item>
            <List.Item>{t('providers.okta.step3')}</List.Item>
          </List>
        </Stack>
      </Paper>
      <ScimTokens />
      <NewScimToken />
      <Text size="sm">
        {t('allTokens')}{' '}
        <Anchor component={Link} to="/admin/tokens">
          {t('allTokensLink')}
        </Anchor>
      </Text>
    </Page>
  );
}
