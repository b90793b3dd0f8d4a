import { Table, Text } from '@mantine/core';
import { useId } from 'react';
import classes from './figures-table.module.css';

/**
 * A chart's text alternative: the same figures as a table behind a native disclosure. Wide tables
 * scroll sideways on a phone inside a region that takes keyboard focus, so they can be scrolled
 * without a pointer.
 */
export function FiguresTable({ summary, caption, columns, rows }: { summary: string; caption: string; columns: string[]; rows: (string | number)[][] }) {
  const id = useId();
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>
        <Text span fw={600}>
          {summary}
        </Text>
      </summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className={classes.scroll} aria-labelledby={id} tabIndex={0}>
        <Table striped withTableBorder>
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
            {rows.map((row, r) => (
              // Rows are fixed for a render; labels (e.g. vacancy titles) may repeat.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Table.Tr key={r}>
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
      </section>
    </details>
  );
}
