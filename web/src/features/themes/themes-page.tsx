import { Badge, Button, Group, Modal, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import { type Theme, themesKey, useThemes } from '../stories/stories-api';

interface ThemeInput {
  key: string;
  nameNl: string;
  nameEn: string;
  description: string;
  active: boolean;
}

type Dialog = { theme: Theme | null } | null;

function themeInput(theme: Theme | null): ThemeInput {
  return {
    key: theme?.key ?? '',
    nameNl: theme?.nameNl ?? '',
    nameEn: theme?.nameEn ?? '',
    description: theme?.description ?? '',
    active: theme?.active ?? true,
  };
}

/** `/themes`: the managed list of story themes, in Dutch and English. */
export default function ThemesPage() {
  const { t } = useTranslation('editorial');
  const themes = useThemes();
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = [...(themes.data ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );

  return (
    <Page
      title={t('themes.title')}
      actions={<Button onClick={() => setDialog({ theme: null })}>{t('themes.new')}</Button>}
    >
      <Text>{t('themes.intro')}</Text>
      {themes.isPending ? <PageLoader /> : null}
      {themes.isError ? <ErrorAlert error={themes.error} onRetry={() => void themes.refetch()} /> : null}
      {themes.isSuccess && items.length === 0 ? <Text>{t('themes.none')}</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table verticalSpacing="sm">
            <Table.Caption>{t('themes.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('themes.fields.nameEn')}</Table.Th>
                <Table.Th scope="col">{t('themes.fields.nameNl')}</Table.Th>
                <Table.Th scope="col">{t('themes.fields.key')}</Table.Th>
                <Table.Th scope="col">{t('themes.status')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('themes.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((theme) => (
                <Table.Tr key={theme.id}>
                  <Table.Td>
                    <Text fw={500}>{theme.nameEn}</Text>
                    {theme.description ? (
                      <Text size="sm" c="gray.8">
                        {theme.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{theme.nameNl}</Table.Td>
                  <Table.Td>
                    <code>{theme.key}</code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={theme.active ? 'cyan' : 'gray'} variant="light" tt="none">
                      {theme.active ? t('themes.active') : t('themes.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('themes.editNamed', { name: theme.name })}
                      onClick={() => setDialog({ theme })}
                    >
                      {t('themes.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {dialog ? (
        <ThemeModal key={dialog.theme?.id ?? 'new'} theme={dialog.theme} onClose={() => setDialog(null)} />
      ) : null}
    </Page>
  );
}

function ThemeModal({ theme, onClose }: { theme: Theme | null; onClose: () => void }) {
  const { t } = useTranslation('editorial');
  const queryClient = useQueryClient();
  const [value, setValue] = useState<ThemeInput>(() => themeInput(theme));
  const set = <K extends keyof ThemeInput>(key: K, fieldValue: ThemeInput[K]) =>
    setValue((old) => ({ ...old, [key]: fieldValue }));

  const save = useMutation({
    mutationFn: (input: ThemeInput) => {
      const body = {
        nameNl: input.nameNl.trim(),
        nameEn: input.nameEn.trim(),
        description: input.description.trim() || null,
      };
      return theme
        ? api<Theme>(`/api/v1/themes/${encodeURIComponent(theme.id)}`, {
            method: 'PATCH',
            json: { ...body, key: input.key.trim(), active: input.active },
          })
        : api<Theme>('/api/v1/themes', { method: 'POST', json: { ...body, key: input.key.trim() } });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: themesKey });
      showSuccess(t('themes.saved', { name: saved.name }));
      onClose();
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={theme ? t('themes.editTitle', { name: theme.name }) : t('themes.newTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={onSubmit}>
        <Stack>
          <TextInput
            label={t('themes.fields.key')}
            description={t('themes.fields.keyHelp')}
            required
            value={value.key}
            onChange={(event) => set('key', event.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('themes.fields.nameNl')}
              required
              lang="nl"
              value={value.nameNl}
              onChange={(event) => set('nameNl', event.currentTarget.value)}
            />
            <TextInput
              label={t('themes.fields.nameEn')}
              required
              lang="en"
              value={value.nameEn}
              onChange={(event) => set('nameEn', event.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('themes.fields.description')}
            autosize
            minRows={2}
            value={value.description}
            onChange={(event) => set('description', event.currentTarget.value)}
          />
          {theme ? (
            <Switch
              label={t('themes.fields.active')}
              description={t('themes.fields.activeHelp')}
              checked={value.active}
              onChange={(event) => set('active', event.currentTarget.checked)}
            />
          ) : null}
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
