import { Table, Text } from '@mantine/core';
import { useId } from 'react';
import classes from './impact.module.css';

/**
 * A chart's text alternative: the same figures as a table, behind a native disclosure (keyboard
 * and screen readers know it), so the chart itself can stay out of the accessibility tree.
 */
export function FiguresTable({
  summary,
  caption,
  columns,
  rows,
}: {
  summary: string;
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  const id = useId();
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>
        <Text span fw={600}>
          {summary}
        </Text>
      </summary>
      <Table.ScrollContainer minWidth={280}>
        <Table striped withTableBorder aria-describedby={id}>
          <caption id={id} className={classes.caption}>
            {caption}
          </caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column, i) => (
                <Table.Th key={column} scope="col" ta={i === 0 ? 'left' : 'right'}>
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={String(row[0])}>
                {columns.map((column, i) =>
                  i === 0 ? (
                    <Table.Th key={column} scope="row" fw={400}>
                      {row[0]}
                    </Table.Th>
                  ) : (
                    <Table.Td key={column} ta="right">
                      {row[i]}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </details>
  );
}
