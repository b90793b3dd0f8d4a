import { Button, Center, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { useThemes } from '../stories/stories-api';
import { isVacancyStatus, useVacancies, VACANCY_STATUSES } from './recruitment-api';
import { VacancyCard } from './vacancy-card';

const ALL = 'all';

/** `/recruitment/vacancies`: open vacancies first; recruitment sets urgency, openings and themes. */
export default function VacanciesPage() {
  const { t } = useTranslation('recruitment');
  const canEdit = hasAnyRole(useCurrentPerson(), ['admin', 'recruiter']);
  const [searchParams, setSearchParams] = useSearchParams();
  const param = searchParams.get('status') ?? 'open';
  const status = isVacancyStatus(param) ? param : '';
  const vacancies = useVacancies(status);
  const themes = useThemes();
  const items = vacancies.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page title={t('vacancies.title')} width={900}>
      <Text>{canEdit ? t('vacancies.intro') : t('vacancies.readOnlyIntro')}</Text>
      <search aria-label={t('vacancies.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('vacancies.status')}
            data={[
              ...VACANCY_STATUSES.map((value) => ({ value, label: t(`vacancyStatus.${value}`) })),
              { value: ALL, label: t('vacancies.statusAll') },
            ]}
            value={status || ALL}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setSearchParams(value === 'open' ? {} : { status: value }, { replace: true });
            }}
          />
        </SimpleGrid>
      </search>
      <ListQueryStatus query={vacancies} summary={t('vacancies.shown', { count: items.length })} />
      {vacancies.isSuccess && items.length === 0 ? <Text>{t('vacancies.none')}</Text> : null}
      {items.length > 0 ? (
        <Stack gap="md">
          {items.map((vacancy) => (
            <VacancyCard
              key={vacancy.id}
              vacancy={vacancy}
              themes={themes.data ?? []}
              canEdit={canEdit}
            />
          ))}
        </Stack>
      ) : null}
      {vacancies.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            mih={44}
            onClick={() => void vacancies.fetchNextPage()}
            loading={vacancies.isFetchingNextPage}
          >
            {t('vacancies.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Page>
  );
}
