import {
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timeZones } from '../../lib/format';
import { isLanguage, type Person, ROLES, type Role } from '../../lib/types';
import { groupsOfKind, useGroups } from '../groups/groups-api';
import type { PersonInput } from './people-api';

/** Initial form values: from an existing person, or sensible defaults for a new one. */
export function personInput(person: Person | null, language: string): PersonInput {
  if (person) {
    return {
      name: person.name,
      email: person.email,
      language: person.language,
      timeZone: person.timeZone,
      startDate: person.startDate,
      roles: person.roles,
      departmentId: person.department?.id ?? null,
      locationId: person.location?.id ?? null,
      teamIds: person.teams.map((team) => team.id),
      active: person.active,
    };
  }
  return {
    name: '',
    email: '',
    language: isLanguage(language) ? language : 'en',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    startDate: null,
    roles: ['ambassador'],
    departmentId: null,
    locationId: null,
    teamIds: [],
    invite: true,
  };
}

/** The fields shared by "Add person" and the person edit page. */
export function PersonFormFields({
  value,
  onChange,
}: {
  value: PersonInput;
  onChange: (value: PersonInput) => void;
}) {
  const { t } = useTranslation();
  const groups = useGroups();
  const set = <K extends keyof PersonInput>(key: K, fieldValue: PersonInput[K]) =>
    onChange({ ...value, [key]: fieldValue });
  const none = { value: '', label: t('people.form.none') };
  const options = (kind: 'department' | 'location') => [
    none,
    ...groupsOfKind(groups.data, kind).map((group) => ({ value: group.id, label: group.name })),
  ];
  const teams = groupsOfKind(groups.data, 'team');

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('people.form.name')}
          required
          autoComplete="off"
          value={value.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        <TextInput
          label={t('people.form.email')}
          type="email"
          required
          autoComplete="off"
          value={value.email}
          onChange={(event) => set('email', event.currentTarget.value)}
        />
        <NativeSelect
          label={t('people.form.language')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'nl', label: 'Nederlands' },
          ]}
          value={value.language}
          onChange={(event) => {
            const language = event.currentTarget.value;
            if (isLanguage(language)) set('language', language);
          }}
        />
        <NativeSelect
          label={t('people.form.timeZone')}
          data={timeZones(value.timeZone)}
          value={value.timeZone}
          onChange={(event) => set('timeZone', event.currentTarget.value)}
        />
        <TextInput
          label={t('people.form.startDate')}
          type="date"
          value={value.startDate ?? ''}
          onChange={(event) => set('startDate', event.currentTarget.value || null)}
        />
        <NativeSelect
          label={t('people.form.department')}
          data={options('department')}
          value={value.departmentId ?? ''}
          onChange={(event) => set('departmentId', event.currentTarget.value || null)}
        />
        <NativeSelect
          label={t('people.form.location')}
          data={options('location')}
          value={value.locationId ?? ''}
          onChange={(event) => set('locationId', event.currentTarget.value || null)}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('people.form.roles')}
        value={value.roles}
        onChange={(roles) => set('roles', roles.filter((role): role is Role => ROLES.includes(role as Role)))}
      >
        <Group mt="xs" gap="lg">
          {ROLES.map((role) => (
            <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {teams.length > 0 ? (
        <Checkbox.Group
          label={t('people.form.teams')}
          value={value.teamIds}
          onChange={(teamIds) => set('teamIds', teamIds)}
        >
          <Group mt="xs" gap="lg">
            {teams.map((team) => (
              <Checkbox key={team.id} value={team.id} label={team.name} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : null}
      {value.active !== undefined ? (
        <Switch
          label={t('people.form.active')}
          description={t('people.form.activeHelp')}
          checked={value.active}
          onChange={(event) => set('active', event.currentTarget.checked)}
        />
      ) : null}
      {value.invite !== undefined ? (
        <Checkbox
          label={t('people.form.invite')}
          checked={value.invite}
          onChange={(event) => set('invite', event.currentTarget.checked)}
        />
      ) : null}
    </Stack>
  );
}
