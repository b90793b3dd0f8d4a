import { Group, Text } from '@mantine/core';
import { useId } from 'react';
import classes from './recruitment.module.css';

/**
 * A labelled meter, scaled against the largest value on the page; the number is written out
 * next to the label too, so the bar is never the only way to read it.
 */
export function GapMeter({
  label,
  value,
  max,
  formatted,
  tone,
}: {
  label: string;
  value: number;
  max: number;
  formatted: string;
  tone: 'pressure' | 'supply';
}) {
  const id = useId();
  return (
    <div>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} component="label" htmlFor={id}>
          {label}
        </Text>
        <Text size="sm" aria-hidden="true">
          {formatted}
        </Text>
      </Group>
      <meter
        id={id}
        min={0}
        // A meter needs max above min; with nothing anywhere every bar is simply empty.
        max={Math.max(max, value, 1)}
        value={value}
        aria-valuetext={formatted}
        className={`${classes.meter} ${tone === 'pressure' ? classes.pressure : classes.supply}`}
      />
    </div>
  );
}
