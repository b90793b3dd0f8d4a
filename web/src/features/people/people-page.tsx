import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { AMBASSADOR_STATUSES, type Person, ROLES } from '../../lib/types';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { groupsOfKind, useGroups } from '../groups/groups-api';
import { AddPersonModal } from './add-person-modal';
import { type PeopleFilters, peopleKey } from './people-api';
import { StatusBadge } from './status-badge';

const FILTER_KEYS = ['q', 'groupId', 'role', 'status', 'active'] as const;

/** `/people`: search, filter and page through everyone; admins add and import people. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const me = useCurrentPerson();
  const isAdmin = hasAnyRole(me, ['admin']);
  const [searchParams, setSearchParams] = useSearchParams();
  const [addOpened, addModal] = useDisclosure(false);
  const groups = useGroups();

  const filters: PeopleFilters = {
    q: searchParams.get('q') ?? '',
    groupId: searchParams.get('groupId') ?? '',
    role: searchParams.get('role') ?? '',
    status: searchParams.get('status') ?? '',
    active: searchParams.get('active') ?? 'true',
  };
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search, 300);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    setSearchParams(
      (params) => {
        const nextParams = new URLSearchParams(params);
        if (value === '' && key !== 'active') nextParams.delete(key);
        else nextParams.set(key, value);
        return nextParams;
      },
      { replace: true },
    );
  };

  // The search box updates the URL once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced term should write the URL
  useEffect(() => {
    if (debouncedSearch.trim() !== filters.q) setFilter('q', debouncedSearch.trim());
  }, [debouncedSearch]);

  const people = useInfiniteQuery({
    queryKey: [...peopleKey, filters],
    queryFn: ({ pageParam, signal }) =>
      api<ListPage<Person>>(
        `/api/v1/people${query({
          q: filters.q,
          groupId: filters.groupId,
          role: filters.role,
          status: filters.status,
          active: filters.active === 'all' ? '' : filters.active,
          limit: 25,
          cursor: pageParam,
        })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const groupOptions = [
    { value: '', label: t('people.filters.anyGroup') },
    ...(['department', 'location', 'team'] as const).map((kind) => ({
      group: t(`groups.kinds.${kind}`),
      items: groupsOfKind(groups.data, kind).map((group) => ({ value: group.id, label: group.name })),
    })),
  ].filter((option) => !('items' in option) || option.items.length > 0);

  return (
    <Page
      title={t('people.title')}
      actions={
        isAdmin ? (
          <>
            <Button onClick={addModal.open}>{t('people.addPerson')}</Button>
            <Button component={Link} to="/people/import" variant="default">
              {t('people.importCsv')}
            </Button>
          </>
        ) : null
      }
    >
      <search aria-label={t('people.filters.label')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }}>
          <TextInput
            label={t('people.filters.search')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <NativeSelect
            label={t('people.filters.group')}
            data={groupOptions}
            value={filters.groupId}
            onChange={(event) => setFilter('groupId', event.currentTarget.value)}
          />
          <NativeSelect
            label={t('people.filters.role')}
            data={[
              { value: '', label: t('people.filters.anyRole') },
              ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
            ]}
            value={filters.role}
            onChange={(event) => setFilter('role', event.currentTarget.value)}
          />
          <NativeSelect
            label={t('people.filters.status')}
            data={[
              { value: '', label: t('people.filters.anyStatus') },
              ...AMBASSADOR_STATUSES.map((status) => ({
                value: status,
                label: t(`ambassadorStatus.${status}`),
              })),
            ]}
            value={filters.status}
            onChange={(event) => setFilter('status', event.currentTarget.value)}
          />
          <NativeSelect
            label={t('people.filters.account')}
            data={[
              { value: 'true', label: t('people.filters.activeOnly') },
              { value: 'false', label: t('people.filters.deactivatedOnly') },
              { value: 'all', label: t('people.filters.allAccounts') },
            ]}
            value={filters.active}
            onChange={(event) => setFilter('active', event.currentTarget.value)}
          />
        </SimpleGrid>
      </search>

      <ListQueryStatus
        query={people}
        summary={people.hasNextPage ? t('people.shownMore', { count: items.length }) : t('people.shown', { count: items.length })}
      />

      {items.length > 0 ? (
        <>
          <Table.ScrollContainer minWidth={720} visibleFrom="sm" type="native">
            <Table verticalSpacing="sm">
              <Table.Caption>{t('people.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('people.columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('people.columns.email')}</Table.Th>
                  <Table.Th scope="col">{t('people.columns.roles')}</Table.Th>
                  <Table.Th scope="col">{t('people.columns.department')}</Table.Th>
                  <Table.Th scope="col">{t('people.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('people.columns.account')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((person) => (
                  <Table.Tr key={person.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${person.id}`}>
                        {person.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{person.email}</Table.Td>
                    <Table.Td>{person.roles.map((role) => t(`roles.${role}`)).join(', ')}</Table.Td>
                    <Table.Td>{person.department?.name ?? ''}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={person.ambassadorStatus} />
                    </Table.Td>
                    <Table.Td>{person.active ? t('people.active') : t('people.deactivated')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack hiddenFrom="sm" gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((person) => (
              <Card component="li" key={person.id} withBorder padding="md">
                <Stack gap={4}>
                  <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                    {person.name}
                  </Anchor>
                  <Text size="sm" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
                    {person.email}
                  </Text>
                  <Group gap="xs">
                    <StatusBadge status={person.ambassadorStatus} />
                    {person.active ? null : (
                      <Badge color="gray" variant="light">
                        {t('people.deactivated')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">
                    {[
                      person.roles.map((role) => t(`roles.${role}`)).join(', '),
                      person.department?.name,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      ) : null}

      {people.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void people.fetchNextPage()}
            loading={people.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}

      {isAdmin ? <AddPersonModal opened={addOpened} onClose={addModal.close} /> : null}
    </Page>
  );
}
