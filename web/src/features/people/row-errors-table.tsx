import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RowError } from './import-api';

/** The rows the server rejected, with its (translated) reason per line. */
export function RowErrorsTable({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={320} type="native">
      <Table verticalSpacing="xs">
        <Table.Caption>{t('import.errorsCaption', { count: errors.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={100}>
              {t('import.columns.line')}
            </Table.Th>
            <Table.Th scope="col">{t('import.columns.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error) => (
            <Table.Tr key={`${error.line}:${error.reason}`}>
              <Table.Td>{t('import.lineNumber', { line: error.line })}</Table.Td>
              <Table.Td>{error.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
