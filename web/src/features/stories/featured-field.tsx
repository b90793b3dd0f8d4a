import { Button, Card, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page as ListPage, query } from '../../lib/api';
import type { Person } from '../../lib/types';
import { ApprovalBadge } from './story-badges';
import type { FeaturedValue } from './story-form';

/** The colleagues a story features: search people, add them with their quote, see their approval. */
export function FeaturedField({
  value,
  onChange,
  searchable = true,
}: {
  value: FeaturedValue[];
  onChange: (featured: FeaturedValue[]) => void;
  /** Staff can search everyone; other people see no search. */
  searchable?: boolean;
}) {
  const { t } = useTranslation('editorial');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const resultsId = useId();

  const people = useQuery({
    queryKey: ['people', 'featured-search', debounced],
    queryFn: ({ signal }) =>
      api<ListPage<Person>>(`/api/v1/people${query({ q: debounced, active: 'true', limit: 8 })}`, {
        signal,
      }),
    enabled: searchable && debounced.length >= 2,
  });
  const results = (people.data?.items ?? []).filter(
    (person) => !value.some((colleague) => colleague.personId === person.id),
  );

  const update = (personId: string, quote: string) =>
    onChange(value.map((colleague) => (colleague.personId === personId ? { ...colleague, quote } : colleague)));

  return (
    <Stack gap="sm">
      {value.length === 0 ? <Text size="sm">{t('featured.none')}</Text> : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {value.map((colleague) => (
          <Card component="li" key={colleague.personId} withBorder padding="sm">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs">
                  <Text fw={600}>{colleague.name}</Text>
                  {colleague.approval ? <ApprovalBadge approval={colleague.approval} /> : null}
                </Group>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => onChange(value.filter((other) => other.personId !== colleague.personId))}
                  aria-label={t('featured.removeNamed', { name: colleague.name })}
                >
                  {t('featured.remove')}
                </Button>
              </Group>
              {colleague.approvalComment ? (
                <Text size="sm">{t('featured.theirComment', { comment: colleague.approvalComment })}</Text>
              ) : null}
              <Textarea
                label={t('featured.quoteBy', { name: colleague.name })}
                autosize
                minRows={2}
                value={colleague.quote}
                onChange={(event) => update(colleague.personId, event.currentTarget.value)}
              />
            </Stack>
          </Card>
        ))}
      </Stack>

      {searchable ? (
        <Stack gap="xs">
          <TextInput
            label={t('featured.search')}
            description={t('featured.searchHelp')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            aria-controls={resultsId}
          />
          <div id={resultsId} aria-live="polite">
            {debounced.length >= 2 && people.isSuccess ? (
              results.length === 0 ? (
                <Text size="sm">{t('featured.noResults')}</Text>
              ) : (
                <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {results.map((person) => (
                    <Group component="li" key={person.id} gap="sm" wrap="nowrap" justify="space-between">
                      <Text size="sm">
                        {person.name}
                        {person.department ? ` · ${person.department.name}` : ''}
                      </Text>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('featured.addNamed', { name: person.name })}
                        onClick={() => {
                          onChange([...value, { personId: person.id, name: person.name, quote: '' }]);
                          setSearch('');
                        }}
                      >
                        {t('featured.add')}
                      </Button>
                    </Group>
                  ))}
                </Stack>
              )
            ) : null}
          </div>
        </Stack>
      ) : null}
    </Stack>
  );
}
