import { Button, Code, Table, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page as ListPage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import type { Role } from '../../lib/types';
import { ScrollTable } from '../leaderboards/scroll-table';

/** An API token as GET /api/v1/tokens lists it. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  scopes: ('analytics' | 'scim')[];
  prefix: string;
  personId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One query for every page that lists tokens, so each sees a new or revoked token at once. */
export const tokensKey = ['tokens'];

/** What POST /api/v1/tokens takes. */
export interface NewToken {
  name: string;
  role: Role;
  scopes: ApiToken['scopes'];
  personId?: null;
}

/** Creates a token (its secret is in this answer only) and refreshes every token list; `onCreated` clears the form. */
export function useCreateToken(onCreated: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: NewToken) => api<ApiToken & { token: string }>('/api/v1/tokens', { method: 'POST', json: { ...token, name: token.name.trim() } }),
    meta: { inlineError: true },
    onSuccess: () => {
      onCreated();
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
}

/** The tokens and a revoke action (the tokens page, the SCIM page), which confirms with `revokedMessage` when given. */
export function useApiTokens(revokedMessage?: string) {
  const { t } = useTranslation('analyticsReports');
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<ListPage<ApiToken>>('/api/v1/tokens') });
  const revoke = useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      showSuccess(revokedMessage ?? t('tokens.revoked'));
    },
  });
  return { tokens, revoke };
}

/** A table of tokens with their state and a revoke button; role and scopes columns where they differ. */
export function TokenTable({ items, label, withRoleAndScopes, revoke }: { items: ApiToken[]; label: string; withRoleAndScopes: boolean; revoke: ReturnType<typeof useApiTokens>['revoke'] }) {
  const { t } = useTranslation('analyticsReports');
  return (
    <ScrollTable label={label} minWidth={withRoleAndScopes ? 680 : 560}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tokens.columns.name')}</Table.Th>
            {withRoleAndScopes ? <Table.Th scope="col">{t('tokens.columns.role')}</Table.Th> : null}
            {withRoleAndScopes ? <Table.Th scope="col">{t('tokens.columns.scopes')}</Table.Th> : null}
            <Table.Th scope="col">{t('tokens.columns.prefix')}</Table.Th>
            <Table.Th scope="col">{t('tokens.columns.lastUsed')}</Table.Th>
            <Table.Th scope="col">{t('tokens.columns.status')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Th scope="row" fw={600}>
                {token.name}
              </Table.Th>
              {withRoleAndScopes ? <Table.Td>{t(`tokens.roles.${token.role}`)}</Table.Td> : null}
              {withRoleAndScopes ? <Table.Td>{token.scopes.length > 0 ? token.scopes.join(', ') : t('tokens.noScopes')}</Table.Td> : null}
              <Table.Td>
                <Code>{token.prefix}</Code>
              </Table.Td>
              <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
              <Table.Td>{token.revokedAt ? t('tokens.revokedStatus') : t('tokens.active')}</Table.Td>
              <Table.Td>
                {token.revokedAt ? null : (
                  <Button size="xs" variant="default" color="red" onClick={() => revoke.mutate(token.id)} loading={revoke.isPending && revoke.variables === token.id} aria-label={t('tokens.revoke', { name: token.name })}>
                    {t('tokens.revokeButton')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
