import type { Policy } from '../auth/context.ts';

/**
 * SCIM provisioning: an API token with the `scim` scope, nothing else (no session, however
 * senior). Podium's admin page makes these tokens with the role `ambassador` and no person, and the
 * auth hook (src/http/auth-hooks.ts) refuses them on every route outside /scim/v2.
 */
export const canProvision: Policy = (auth) => auth.kind === 'token' && (auth.scopes ?? []).includes('scim');
