import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Under a finished CSV import: the alumni it took back (their work or personal e-mail was in the file). */
export function ImportRehires({ rehired }: { rehired: readonly { email: string; line: number }[] }) {
  const { t } = useTranslation('alumni');
  if (rehired.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600}>{t('import.title', { count: rehired.length })}</Text>
      <Text size="sm">{t('import.intro')}</Text>
      <List size="sm">
        {rehired.map((row) => (
          <List.Item key={`${row.line}-${row.email}`}>{t('import.row', { line: row.line, email: row.email })}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
