import type { Fixtures } from './types.ts';

/**
 * SCIM 2.0 routes (/scim/v2, outside /api): only an API token with the `scim` scope may call them,
 * whatever its role; every other caller of the main matrix gets a SCIM error (401 anonymous, 403
 * the rest). They answer in SCIM's own error format, so src/scim/scim-matrix.db.test.ts walks this
 * list rather than test/http/route-matrix.db.test.ts (which covers /api routes and their envelope).
 */
export interface ScimScenario {
  query?: string;
  body?: (f: Fixtures & { userId: string; scimGroupId: string }) => unknown;
  params?: (f: Fixtures & { userId: string; scimGroupId: string }) => Record<string, string>;
}

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export const scimRoutes: Record<string, ScimScenario> = {
  'GET /scim/v2/ServiceProviderConfig': {},
  'GET /scim/v2/ResourceTypes': {},
  'GET /scim/v2/ResourceTypes/:id': { params: () => ({ id: 'User' }) },
  'GET /scim/v2/Schemas': {},
  'GET /scim/v2/Schemas/:id': { params: () => ({ id: USER }) },
  'GET /scim/v2/Users': { query: `?filter=${encodeURIComponent('userName eq "nobody@example.org"')}` },
  'POST /scim/v2/Users': { body: () => ({ schemas: [USER], userName: `matrix.${unique()}@example.org`, displayName: 'Matrix User' }) },
  'GET /scim/v2/Users/:id': { params: (f) => ({ id: f.userId }) },
  'PUT /scim/v2/Users/:id': { params: (f) => ({ id: f.userId }), body: () => ({ schemas: [USER], userName: 'matrix.user@example.org', displayName: 'Matrix User', active: true }) },
  'PATCH /scim/v2/Users/:id': { params: (f) => ({ id: f.userId }), body: () => ({ schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'Tester' }] }) },
  'DELETE /scim/v2/Users/:id': {},
  'GET /scim/v2/Groups': { query: `?filter=${encodeURIComponent('displayName eq "Nobody"')}` },
  'POST /scim/v2/Groups': { body: () => ({ schemas: [GROUP], displayName: `Matrix ${unique()}` }) },
  'GET /scim/v2/Groups/:id': { params: (f) => ({ id: f.scimGroupId }) },
  'PUT /scim/v2/Groups/:id': { params: (f) => ({ id: f.scimGroupId }), body: () => ({ schemas: [GROUP], displayName: 'Matrix Team' }) },
  'PATCH /scim/v2/Groups/:id': { params: (f) => ({ id: f.scimGroupId }), body: () => ({ schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'Matrix Team' }] }) },
  'DELETE /scim/v2/Groups/:id': {},
};
