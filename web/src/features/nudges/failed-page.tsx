import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { formatDateTime } from '../../lib/format';
import { useFailed } from './nudges-api';
import { NudgesSubnav } from './nudges-subnav';

/** `/admin/nudges/failed`: nudges that could not be delivered after their retries, and why. */
export default function FailedPage() {
  const { t } = useTranslation('nudges');
  const failed = useFailed();
  const items = failed.data?.items ?? [];
  return (
    <Page title={t('failed.title')} width={1100}>
      <NudgesSubnav />
      <Text>{t('failed.intro')}</Text>
      <ListQueryStatus query={failed} summary={t('failed.shown', { count: items.length })} />
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('failed.person')}</Table.Th>
                <Table.Th scope="col">{t('failed.template')}</Table.Th>
                <Table.Th scope="col">{t('failed.channel')}</Table.Th>
                <Table.Th scope="col">{t('failed.when')}</Table.Th>
                <Table.Th scope="col">{t('failed.attempts')}</Table.Th>
                <Table.Th scope="col">{t('failed.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/people/${item.personId}`}>
                      {item.personName}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <code>{item.templateKey}</code>
                  </Table.Td>
                  <Table.Td>{t(`channels.${item.channel}`)}</Table.Td>
                  <Table.Td>{formatDateTime(item.scheduledFor)}</Table.Td>
                  <Table.Td ta="right">{item.attempts}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
