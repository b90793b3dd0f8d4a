import { persons, type Scenario } from './types.ts';

/**
 * LinkedIn connect and posting: a person's own connection and posts (never an organisation token).
 * The matrix runs without a LinkedIn app configured, so allowed callers get the clear 409.
 */
export const linkedinRoutes: Record<string, Scenario> = {
  'GET /api/v1/me/linkedin': { allowed: persons },
  'GET /api/v1/me/linkedin/connect': { allowed: persons },
  'GET /api/v1/me/linkedin/callback': { allowed: persons, query: '?code=abc&state=x.1.y' },
  'DELETE /api/v1/me/linkedin': { allowed: persons },
  'GET /api/v1/linkedin/posts': { allowed: persons },
  'POST /api/v1/linkedin/posts': { allowed: persons, body: (f) => ({ itemType: 'story', storyId: f.personId, text: 'Matrix words' }) },
  'PATCH /api/v1/linkedin/posts/:id': { allowed: persons, body: () => ({ text: 'Changed words' }) },
  'DELETE /api/v1/linkedin/posts/:id': { allowed: persons },
};
