import { Navigate } from 'react-router';
import { hasAnyRole, useCurrentPerson } from '../features/auth/session';

/** `/`: people management for admins, the own profile for everyone else (the feed comes later). */
export function HomeRedirect() {
  const person = useCurrentPerson();
  return <Navigate to={hasAnyRole(person, ['admin']) ? '/people' : '/profile'} replace />;
}
