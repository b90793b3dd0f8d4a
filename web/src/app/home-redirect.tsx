import { Navigate } from 'react-router';
import { hasAnyRole, useCurrentPerson } from '../features/auth/session';

/** `/`: people management for admins, the stories to share for everyone else. */
export function HomeRedirect() {
  const person = useCurrentPerson();
  return <Navigate to={hasAnyRole(person, ['admin']) ? '/people' : '/feed'} replace />;
}
