import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCompanyFollowers, useSaveCompanyFollowers } from './impact-api';
import type { CompanyFollowers } from './impact-types';

const NETWORKS = ['linkedin', 'x', 'facebook'] as const;

/** Admins enter the company page's follower counts, which every ambassador's reach is set against. */
export function CompanyFollowersForm() {
  const { t } = useTranslation('impact');
  const followers = useCompanyFollowers(true);
  const save = useSaveCompanyFollowers();
  const [values, setValues] = useState<CompanyFollowers>({ linkedin: null, x: null, facebook: null });
  useEffect(() => {
    if (followers.data) setValues(followers.data);
  }, [followers.data]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="company-followers">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(values, { onSuccess: () => notifySuccess(t('followers.saved')), onError: notifyError });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="company-followers">
            {t('followers.title')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('followers.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            {NETWORKS.map((network) => (
              <NumberInput
                key={network}
                label={t(`networks.${network}`)}
                min={0}
                max={1_000_000_000}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=" "
                value={values[network] ?? ''}
                onChange={(value) => setValues((current) => ({ ...current, [network]: typeof value === 'number' ? value : null }))}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} mih={44}>
              {t('followers.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
