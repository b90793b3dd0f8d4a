import { useSearchParams } from 'react-router';
import { PERIOD_DAYS, type PeriodDays } from './health-types';

/** The chosen period (`?days=28|91|364`, default 28) and the department (`?department=`), kept in the address so a view can be shared. */
export function usePeriodParams(): { days: PeriodDays; department: string | undefined; update: (changes: { days?: PeriodDays; department?: string | null }) => void } {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (PERIOD_DAYS as readonly number[]).includes(asked) ? (asked as PeriodDays) : 28;
  const department = params.get('department') ?? undefined;
  const update = (changes: { days?: PeriodDays; department?: string | null }) => {
    const next = new URLSearchParams(params);
    if (changes.days !== undefined) next.set('days', String(changes.days));
    if (changes.department !== undefined) {
      if (changes.department) next.set('department', changes.department);
      else next.delete('department');
    }
    setParams(next, { replace: true });
  };
  return { days, department, update };
}
