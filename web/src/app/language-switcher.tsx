import { NativeSelect } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentPerson, useUpdateCurrentPerson } from '../features/auth/session';
import { api } from '../lib/api';
import { isLanguage, type Language, type Person } from '../lib/types';

/** Language names are shown in their own language, so everyone can find theirs. */
const LANGUAGE_OPTIONS = [
  { value: 'en', label: 'English' },
  { value: 'nl', label: 'Nederlands' },
];

/** Header control: switches the UI language and, when signed in, the profile language too. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const person = useCurrentPerson();
  const updatePerson = useUpdateCurrentPerson();
  const saveLanguage = useMutation({
    mutationFn: (language: Language) =>
      api<Person>('/api/v1/me', { method: 'PATCH', json: { language } }),
    onSuccess: updatePerson,
  });

  return (
    <NativeSelect
      aria-label={t('shell.changeLanguage')}
      data={LANGUAGE_OPTIONS}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (!isLanguage(language)) return;
        void i18n.changeLanguage(language);
        if (person && person.language !== language) saveLanguage.mutate(language);
      }}
      size="sm"
      w={130}
    />
  );
}
