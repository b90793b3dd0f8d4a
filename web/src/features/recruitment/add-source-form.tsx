import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import { isSourceType, SOURCE_TYPES, type SourceInput, type SourceType, sourcesKey, type VacancySource } from './recruitment-api';

/** "Add a source": the ATS type, its feed URL (optional for CSV uploads) and a name. */
export function AddSourceForm() {
  const { t } = useTranslation('recruitment');
  const queryClient = useQueryClient();
  const [type, setType] = useState<SourceType>('greenhouse');
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');

  const add = useMutation({
    mutationFn: (input: SourceInput) => api<VacancySource>('/api/v1/vacancy-sources', { method: 'POST', json: input }),
    onSuccess: (source) => {
      void queryClient.invalidateQueries({ queryKey: sourcesKey });
      showSuccess(t('sources.added', { name: source.name }));
      setUrl('');
      setName('');
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedUrl = url.trim();
    const trimmedName = name.trim();
    add.mutate({
      type,
      ...(trimmedUrl ? { url: trimmedUrl } : {}),
      ...(trimmedName ? { name: trimmedName } : {}),
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-source-title">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="add-source-title">
            {t('sources.addTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('sources.type')}
              data={SOURCE_TYPES.map((value) => ({ value, label: t(`sourceTypes.${value}`) }))}
              value={type}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isSourceType(value)) setType(value);
              }}
            />
            <TextInput
              label={t('sources.name')}
              description={t('sources.nameHelp')}
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('sources.url')}
            description={t(`urlHints.${type}`)}
            type="url"
            inputMode="url"
            autoComplete="url"
            required={type !== 'csv'}
            maxLength={2000}
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
          />
          {add.error ? <ErrorAlert error={add.error} /> : null}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('sources.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
