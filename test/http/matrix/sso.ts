import { everyone, type Scenario } from './types.ts';

/**
 * Single sign-on: open to everyone, signed in or not (the matrix's app has no provider configured,
 * so start and callback send the browser back to the sign-in page with an error code).
 */
export const ssoRoutes: Record<string, Scenario> = {
  'GET /api/v1/auth/sso': { allowed: everyone },
  'GET /api/v1/auth/sso/start': { allowed: everyone, query: '?returnTo=%2Ffeed' },
  'GET /api/v1/auth/sso/callback': { allowed: everyone, query: '?code=matrix&state=matrix' },
};
