import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isNetwork, NETWORKS, type Network } from './sharing-types';
import classes from './sharing.module.css';

/** The network to share on, as large radio cards; LinkedIn comes first. */
export function NetworkPicker({ value, onChange }: { value: Network; onChange: (network: Network) => void }) {
  const { t } = useTranslation('ambassador');
  return (
    <Radio.Group
      label={t('composer.network')}
      value={value}
      onChange={(next) => {
        if (isNetwork(next)) onChange(next);
      }}
      size="md"
    >
      <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" mt="xs">
        {NETWORKS.map((network) => (
          <Radio.Card key={network} value={network} className={classes.choiceCard}>
            <Group gap="sm" wrap="nowrap">
              <Radio.Indicator size="sm" />
              <Text fw={500}>{network === 'link' ? t('composer.copyLink') : t(`networks.${network}`)}</Text>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
