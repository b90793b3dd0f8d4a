import {
  Button,
  Group as Row,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { GROUP_KINDS, type Group, type GroupKind } from '../../lib/types';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { peopleKey } from '../people/people-api';
import { groupsKey, groupsOfKind, useGroups } from './groups-api';

type Dialog = { type: 'rename'; group: Group } | { type: 'delete'; group: Group } | null;

/** `/groups`: departments, locations and teams with member counts; admins manage them. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isAdmin = hasAnyRole(useCurrentPerson(), ['admin']);
  const groups = useGroups();
  const [kind, setKind] = useState<GroupKind>('department');
  const [name, setName] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [newName, setNewName] = useState('');

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: groupsKey });
    void queryClient.invalidateQueries({ queryKey: peopleKey });
  };

  const create = useMutation({
    mutationFn: () => api<Group>('/api/v1/groups', { method: 'POST', json: { kind, name: name.trim() } }),
    onSuccess: (group) => {
      setName('');
      refresh();
      notifySuccess(t('groups.created', { name: group.name }));
    },
  });
  const rename = useMutation({
    mutationFn: ({ group, to }: { group: Group; to: string }) =>
      api<Group>(`/api/v1/groups/${encodeURIComponent(group.id)}`, {
        method: 'PATCH',
        json: { name: to },
      }),
    onSuccess: () => {
      setDialog(null);
      refresh();
      notifySuccess(t('groups.renamed'));
    },
    meta: { inlineError: true },
  });
  const remove = useMutation({
    mutationFn: (group: Group) =>
      api<void>(`/api/v1/groups/${encodeURIComponent(group.id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      setDialog(null);
      refresh();
      notifySuccess(t('groups.deleted'));
    },
    meta: { inlineError: true },
  });

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const onRename = (event: FormEvent) => {
    event.preventDefault();
    if (dialog?.type === 'rename') rename.mutate({ group: dialog.group, to: newName.trim() });
  };
  const closeDialog = () => {
    setDialog(null);
    rename.reset();
    remove.reset();
  };

  return (
    <Page title={t('groups.title')} width={900}>
      {isAdmin ? (
        <Paper withBorder p="md" component="section" aria-labelledby="new-group">
          <form onSubmit={onCreate}>
            <Stack>
              <Title order={2} size="h4" id="new-group">
                {t('groups.new')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  label={t('groups.kind')}
                  data={GROUP_KINDS.map((value) => ({ value, label: t(`groups.kinds.${value}`) }))}
                  value={kind}
                  onChange={(event) => {
                    const value = GROUP_KINDS.find((k) => k === event.currentTarget.value);
                    if (value) setKind(value);
                  }}
                />
                <TextInput
                  label={t('groups.name')}
                  required
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                />
                <Button type="submit" loading={create.isPending} mt={{ base: 0, sm: 25 }}>
                  {t('groups.create')}
                </Button>
              </SimpleGrid>
            </Stack>
          </form>
        </Paper>
      ) : null}

      {groups.isPending ? <PageLoader /> : null}
      {groups.isError ? <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} /> : null}

      {groups.data
        ? GROUP_KINDS.map((groupKind) => {
            const list = groupsOfKind(groups.data, groupKind);
            const headingId = `groups-${groupKind}`;
            return (
              <Stack key={groupKind} component="section" aria-labelledby={headingId} gap="xs">
                <Title order={2} size="h3" id={headingId}>
                  {t(`groups.plural.${groupKind}`)}
                </Title>
                {list.length === 0 ? (
                  <Text c="gray.8">{t('groups.empty')}</Text>
                ) : (
                  <Table.ScrollContainer minWidth={320} type="native">
                    <Table verticalSpacing="xs">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('groups.columns.name')}</Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('groups.columns.members')}
                          </Table.Th>
                          {isAdmin ? (
                            <Table.Th scope="col">{t('groups.columns.actions')}</Table.Th>
                          ) : null}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {list.map((group) => (
                          <Table.Tr key={group.id}>
                            <Table.Td>{group.name}</Table.Td>
                            <Table.Td ta="right">{group.memberCount}</Table.Td>
                            {isAdmin ? (
                              <Table.Td>
                                <Row gap="xs" wrap="nowrap">
                                  <Button
                                    size="xs"
                                    variant="default"
                                    aria-label={t('groups.renameNamed', { name: group.name })}
                                    onClick={() => {
                                      setNewName(group.name);
                                      setDialog({ type: 'rename', group });
                                    }}
                                  >
                                    {t('groups.rename')}
                                  </Button>
                                  <Button
                                    size="xs"
                                    variant="default"
                                    aria-label={t('groups.deleteNamed', { name: group.name })}
                                    onClick={() => setDialog({ type: 'delete', group })}
                                  >
                                    {t('groups.delete')}
                                  </Button>
                                </Row>
                              </Table.Td>
                            ) : null}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Stack>
            );
          })
        : null}

      <Modal
        opened={dialog?.type === 'rename'}
        onClose={closeDialog}
        title={t('groups.renameTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={onRename}>
          <Stack>
            <TextInput
              label={t('groups.newName')}
              required
              data-autofocus
              value={newName}
              onChange={(event) => setNewName(event.currentTarget.value)}
            />
            {rename.error ? <ErrorAlert error={rename.error} /> : null}
            <Row justify="flex-end">
              <Button variant="default" onClick={closeDialog}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={rename.isPending}>
                {t('common.save')}
              </Button>
            </Row>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog?.type === 'delete'}
        onClose={closeDialog}
        title={t('groups.deleteTitle', { name: dialog?.group.name ?? '' })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>
            {t('groups.deleteWarning', { count: dialog?.group.memberCount ?? 0 })}
          </Text>
          {remove.error ? <ErrorAlert error={remove.error} /> : null}
          <Row justify="flex-end">
            <Button variant="default" onClick={closeDialog}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => dialog && remove.mutate(dialog.group)}
            >
              {t('groups.delete')}
            </Button>
          </Row>
        </Stack>
      </Modal>
    </Page>
  );
}
