import { admins, everyone, persons, type Scenario, staff, unique } from './types.ts';

/** Signed in: every person and the admin token (canReadStories, isSignedIn, canViewCampaigns). */
const signedIn = everyone.filter((c) => c !== 'anonymous');
/** Editors and admins (canManageStories, canManageCampaigns). */
const editors = ['editor', 'admin', 'adminToken'] as const;

/**
 * The stories, campaigns and newsroom domains. Ids not given are random: a 404 still proves the
 * caller got past the route's policy; the services' finer rules have their own tests.
 */
export const storyRoutes: Record<string, Scenario> = {
  'GET /api/v1/themes': { allowed: signedIn },
  'POST /api/v1/themes': { allowed: editors, body: () => ({ key: `theme-${unique()}`, nameNl: 'Thema', nameEn: 'Theme' }) },
  'PATCH /api/v1/themes/:id': { allowed: editors, body: () => ({ description: 'Matrix' }) },
  'GET /api/v1/audiences': { allowed: signedIn },
  'POST /api/v1/audiences': { allowed: admins, body: () => ({ key: `aud-${unique()}`, nameNl: 'Doelgroep', nameEn: 'Audience' }) },
  'PATCH /api/v1/audiences/:id': { allowed: admins, body: () => ({ nameEn: 'Audience' }) },

  'GET /api/v1/stories': { allowed: signedIn, query: '?q=medewerker' },
  'POST /api/v1/stories': { allowed: signedIn, body: () => ({ title: `Matrix story ${unique()}`, language: 'nl', format: 'interview' }) },
  'GET /api/v1/stories/:id': { allowed: signedIn },
  'PATCH /api/v1/stories/:id': { allowed: signedIn, body: () => ({ summary: 'Matrix' }) },
  'POST /api/v1/stories/:id/transitions': { allowed: signedIn, body: () => ({ to: 'in_review' }) },
  'POST /api/v1/stories/:id/comments': { allowed: signedIn, body: () => ({ comment: 'Matrix comment' }) },
  'PUT /api/v1/stories/:id/variants/:audienceKey': {
    allowed: signedIn,
    params: () => ({ audienceKey: 'candidates' }),
    body: () => ({ headline: 'Kop', teaser: 'Teaser', suggestions: [{ network: 'linkedin', text: 'Lees dit' }] }),
  },
  'DELETE /api/v1/stories/:id/variants/:audienceKey': { allowed: signedIn, params: () => ({ audienceKey: 'candidates' }) },
  'POST /api/v1/stories/:id/approval-requests': { allowed: editors },
  'POST /api/v1/stories/:id/approval': { allowed: persons, body: () => ({ decision: 'approved' }) },
  'GET /api/v1/me/approvals': { allowed: persons },

  'GET /api/v1/calendar': { allowed: staff, query: '?from=2026-11-01&to=2026-11-30' },
  'GET /api/v1/calendar/summary': { allowed: staff, query: '?year=2026' },
  'GET /api/v1/settings/programme': { allowed: signedIn },
  'PUT /api/v1/settings/programme': { allowed: admins, body: () => ({ yearlyTarget: 52, disclosure: { enabled: true, textNl: '#medewerker', textEn: '#employee' } }) },

  'GET /api/v1/campaigns': { allowed: signedIn, query: '?active=true' },
  'POST /api/v1/campaigns': { allowed: editors, body: () => ({ name: `Matrix campaign ${unique()}`, goal: 'recruitment', startsOn: '2026-11-01', endsOn: '2026-12-31' }) },
  'GET /api/v1/campaigns/:id': { allowed: signedIn },
  'PATCH /api/v1/campaigns/:id': { allowed: editors, body: () => ({ description: 'Matrix' }) },

  'GET /api/v1/newsroom-feeds': { allowed: editors },
  'POST /api/v1/newsroom-feeds': { allowed: editors, body: () => ({ url: `https://newsroom.example.com/${unique()}.xml`, name: 'Matrix newsroom', language: 'nl' }) },
  'DELETE /api/v1/newsroom-feeds/:id': { allowed: editors },
  'POST /api/v1/newsroom-feeds/:id/sync': { allowed: editors },
};
