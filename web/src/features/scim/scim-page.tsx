import { Alert, Anchor, Button, Code, CopyButton, Group, List, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { ScrollTable } from '../leaderboards/scroll-table';

/** An API token as GET /api/v1/tokens lists it (the same API as the tokens page). */
interface ApiToken {
  id: string;
  name: string;
  role: string;
  scopes: string[];
  prefix: string;
  personId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Shared with the tokens page's query, so both pages see a new or revoked token at once. */
const tokensKey = ['tokens'];

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
 * A token for the identity provider: the `scim` scope with the ambassador role and no person, so
 * outside /scim/v2 it can do no more than read what any colleague may read. Shown once.
 */
function NewScimToken() {
  const { t } = useTranslation('scim');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api<ApiToken & { token: string }>('/api/v1/tokens', { method: 'POST', json: { name: name.trim(), role: 'ambassador', scopes: ['scim'], personId: null } }),
    meta: { inlineError: true },
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
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
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<ListPage<ApiToken>>('/api/v1/tokens') });
  const revoke = useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      showSuccess(t('token.revoked'));
    },
  });
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
        <ScrollTable label={t('token.title')} minWidth={560}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('token.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('token.columns.prefix')}</Table.Th>
                <Table.Th scope="col">{t('token.columns.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('token.columns.status')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('token.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Th scope="row" fw={600}>
                    {token.name}
                  </Table.Th>
                  <Table.Td>
                    <Code>{token.prefix}</Code>
                  </Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('token.neverUsed')}</Table.Td>
                  <Table.Td>{token.revokedAt ? t('token.revokedStatus') : t('token.active')}</Table.Td>
                  <Table.Td>
                    {token.revokedAt ? null : (
                      <Button size="xs" variant="default" color="red" onClick={() => revoke.mutate(token.id)} loading={revoke.isPending && revoke.variables === token.id} aria-label={t('token.revoke', { name: token.name })}>
                        {t('token.revokeButton')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
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
