import type { Policy } from '../auth/context.ts';

/**
 * SCIM provisioning: an API token with the `scim` scope, nothing else (no session, however
 * senior). Podium's admin page makes these tokens with the role `ambassador` and no person, so
 * outside /scim/v2 such a token can do no more than any organisation token of that role: read.
 */
export const canProvision: Policy = (auth) => auth.kind === 'token' && (auth.scopes ?? []).includes('scim');
