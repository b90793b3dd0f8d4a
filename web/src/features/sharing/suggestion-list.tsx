import { Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from './sharing-types';
import classes from './sharing.module.css';

/** The value of the "Write my own" choice. */
export const OWN_TEXT = 'own';

/** Suggested texts as radio cards, and "Write my own" last. */
export function SuggestionList({
  suggestions,
  fromLinkedIn,
  value,
  onChange,
}: {
  suggestions: Suggestion[];
  /** True when the network has no texts of its own and LinkedIn's are offered instead. */
  fromLinkedIn: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('ambassador');
  return (
    <Radio.Group
      label={fromLinkedIn ? t('composer.suggestionsFromLinkedIn') : t('composer.suggestions')}
      description={suggestions.length === 0 ? t('composer.noSuggestions') : undefined}
      value={value}
      onChange={onChange}
      size="md"
    >
      <Stack gap="sm" mt="xs">
        {[...suggestions, null].map((suggestion) => (
          <Radio.Card
            key={suggestion?.id ?? OWN_TEXT}
            value={suggestion?.id ?? OWN_TEXT}
            className={classes.choiceCard}
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Radio.Indicator size="sm" mt={3} />
              {suggestion ? (
                <div>
                  {suggestion.language ? (
                    <Text size="sm" fw={600} c="gray.8">
                      {t(`composer.suggestionLanguage.${suggestion.language}`)}
                    </Text>
                  ) : null}
                  <Text className={classes.suggestionText} lang={suggestion.language}>
                    {suggestion.text}
                  </Text>
                </div>
              ) : (
                <Text fw={600}>{t('composer.writeOwn')}</Text>
              )}
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}
