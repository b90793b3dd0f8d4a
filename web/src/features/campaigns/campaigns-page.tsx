import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { api, type Page as ListPage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { type Campaign, campaignsKey } from './campaigns-api';

function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('editorial');
  return (
    <Badge color={active ? 'cyan' : 'gray'} variant="light" tt="none">
      {active ? t('campaigns.active') : t('campaigns.inactive')}
    </Badge>
  );
}

/** `/campaigns`: every campaign, the running ones first. */
export default function CampaignsPage() {
  const { t } = useTranslation('editorial');
  const canEdit = hasAnyRole(useCurrentPerson(), ['admin', 'editor']);
  const campaigns = useQuery({
    queryKey: campaignsKey,
    queryFn: async () => (await api<ListPage<Campaign>>('/api/v1/campaigns')).items,
  });
  const items = [...(campaigns.data ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || b.startsOn.localeCompare(a.startsOn),
  );
  const period = (campaign: Campaign) =>
    t('campaigns.period', { from: formatDate(campaign.startsOn), to: formatDate(campaign.endsOn) });

  return (
    <Page
      title={t('campaigns.title')}
      actions={
        canEdit ? (
          <Button component={Link} to="/campaigns/new">
            {t('campaigns.new')}
          </Button>
        ) : null
      }
    >
      <ListQueryStatus query={campaigns} summary={t('campaigns.shown', { count: items.length })} />
      {items.length > 0 ? (
        <>
          <Table.ScrollContainer minWidth={640} visibleFrom="sm" type="native">
            <Table verticalSpacing="sm">
              <Table.Caption>{t('campaigns.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('campaigns.columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('campaigns.columns.goal')}</Table.Th>
                  <Table.Th scope="col">{t('campaigns.columns.period')}</Table.Th>
                  <Table.Th scope="col">{t('campaigns.columns.stories')}</Table.Th>
                  <Table.Th scope="col">{t('campaigns.columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((campaign) => (
                  <Table.Tr key={campaign.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campaigns/${campaign.id}`}>
                        {campaign.name}
                      </Anchor>
                      {campaign.theme ? (
                        <Text size="sm" c="gray.8">
                          {campaign.theme.name}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t(`goal.${campaign.goal}`)}</Table.Td>
                    <Table.Td>{period(campaign)}</Table.Td>
                    <Table.Td>{campaign.stories.length}</Table.Td>
                    <Table.Td>
                      <ActiveBadge active={campaign.active} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack hiddenFrom="sm" gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((campaign) => (
              <Card component="li" key={campaign.id} withBorder padding="md">
                <Stack gap={4}>
                  <Anchor component={Link} to={`/campaigns/${campaign.id}`} fw={600}>
                    {campaign.name}
                  </Anchor>
                  <Group gap="xs">
                    <ActiveBadge active={campaign.active} />
                    <Text size="sm">{t(`goal.${campaign.goal}`)}</Text>
                  </Group>
                  <Text size="sm">{period(campaign)}</Text>
                  <Text size="sm">{t('campaigns.storyCount', { count: campaign.stories.length })}</Text>
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      ) : null}
    </Page>
  );
}
