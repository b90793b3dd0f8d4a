import { Paper, Text, Textarea } from '@mantine/core';
import { type Ref, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CharacterBudget } from './character-counter';
import type { Network } from './sharing-types';
import classes from './sharing.module.css';

/** The editable text with its character counter, and the text as it will be posted (with disclosure). */
export function ShareTextField({
  network,
  text,
  finalText,
  budget,
  error,
  onChange,
  textareaRef,
}: {
  network: Network;
  text: string;
  /** The text with the disclosure, or null before the first check answered. */
  finalText: string | null;
  budget: CharacterBudget;
  error: string | null;
  onChange: (text: string) => void;
  textareaRef: Ref<HTMLTextAreaElement>;
}) {
  const { t } = useTranslation('ambassador');
  const previewId = useId();
  const counter =
    budget.left === null
      ? t('composer.characterCount', { count: budget.length })
      : budget.left >= 0
        ? t('composer.charactersLeft', { count: budget.left })
        : t('composer.charactersOver', { count: -budget.left });

  return (
    <>
      <Textarea
        ref={textareaRef}
        label={t('composer.text')}
        description={
          <Text component="span" size="sm" c={budget.overLimit ? 'red.9' : 'dimmed'} fw={budget.overLimit ? 700 : 400}>
            {counter}
            {network === 'x' ? ` · ${t('composer.xLinkCounted')}` : ''}
          </Text>
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        size="md"
        autosize
        minRows={5}
        maxRows={14}
        value={text}
        error={error}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <Paper withBorder p="sm" bg="gray.0" component="section" aria-labelledby={previewId}>
        <Text fw={600} size="sm" id={previewId}>
          {t('composer.preview')}
        </Text>
        {finalText !== null ? (
          <p className={classes.preview}>{finalText}</p>
        ) : (
          <Text size="sm">{t('composer.previewPending')}</Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('composer.previewHelp')}
        </Text>
      </Paper>
    </>
  );
}
