import type { AppContext } from '../context.ts';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, MAX_PAGE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, USER_SCHEMA } from './schemas.ts';

/** The discovery endpoints (RFC 7644 §4): what Podium supports, described for the identity provider. */

export function serviceProviderConfig(ctx: AppContext) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: `${ctx.config.baseUrl}/admin/scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'An API token with the scim scope, made on the SCIM page of Podium.', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${ctx.config.baseUrl}/scim/v2/ServiceProviderConfig` },
  };
}

export function resourceTypes(ctx: AppContext) {
  const base = `${ctx.config.baseUrl}/scim/v2`;
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person in Podium',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A team in Podium',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

type Attribute = { name: string; type: string; multiValued?: boolean; required?: boolean; mutability?: string; uniqueness?: string; subAttributes?: Attribute[]; description?: string };

const attribute = (name: string, type = 'string', extra: Partial<Attribute> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export function schemas(ctx: AppContext) {
  const base = `${ctx.config.baseUrl}/scim/v2/Schemas`;
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: USER_SCHEMA,
      name: 'User',
      description: 'A person in Podium',
      attributes: [
        attribute('userName', 'string', { required: true, uniqueness: 'server', description: 'The work e-mail address or UPN' }),
        attribute('name', 'complex', { subAttributes: [attribute('formatted'), attribute('givenName'), attribute('familyName')] }),
        attribute('displayName'),
        attribute('emails', 'complex', { multiValued: true, description: 'The work address is the person’s e-mail in Podium', subAttributes: [attribute('value'), attribute('type'), attribute('primary', 'boolean')] }),
        attribute('active', 'boolean', { description: 'false: the person becomes a leaver (alumni); their links keep working' }),
        attribute('preferredLanguage', 'string', { description: 'nl or en (nl-NL, en-US … are understood)' }),
        attribute('locale'),
        attribute('title'),
        attribute('addresses', 'complex', { multiValued: true, description: 'The work address’s locality is the person’s location', subAttributes: [attribute('locality'), attribute('type')] }),
        attribute('groups', 'complex', { multiValued: true, mutability: 'readOnly', subAttributes: [attribute('value'), attribute('display')] }),
      ],
      meta: { resourceType: 'Schema', location: `${base}/${USER_SCHEMA}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: ENTERPRISE_SCHEMA,
      name: 'EnterpriseUser',
      description: 'Enterprise user: the department is the person’s department in Podium',
      attributes: [attribute('department')],
      meta: { resourceType: 'Schema', location: `${base}/${ENTERPRISE_SCHEMA}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: GROUP_SCHEMA,
      name: 'Group',
      description: 'A team in Podium',
      attributes: [
        attribute('displayName', 'string', { required: true, uniqueness: 'server' }),
        attribute('members', 'complex', { multiValued: true, subAttributes: [attribute('value', 'string', { mutability: 'immutable' }), attribute('display', 'string', { mutability: 'readOnly' })] }),
      ],
      meta: { resourceType: 'Schema', location: `${base}/${GROUP_SCHEMA}` },
    },
  ];
}

export const listOf = <T>(resources: T[], total = resources.length, startIndex = 1) => ({
  schemas: [LIST_SCHEMA],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});
