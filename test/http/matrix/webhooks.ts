import { admins, type Scenario } from './types.ts';

/** Outgoing webhooks: admins only (a session or an organisation token with the admin role). Unknown ids answer 404 after authorization. */
export const webhookRoutes: Record<string, Scenario> = {
  'GET /api/v1/webhooks': { allowed: admins },
  'POST /api/v1/webhooks': { allowed: admins, body: () => ({ url: 'https://hooks.example.com/matrix', events: ['share.created'] }) },
  'GET /api/v1/webhooks/:id': { allowed: admins },
  'PATCH /api/v1/webhooks/:id': { allowed: admins, body: () => ({ description: 'Renamed' }) },
  'DELETE /api/v1/webhooks/:id': { allowed: admins },
  'POST /api/v1/webhooks/:id/secret': { allowed: admins },
  'POST /api/v1/webhooks/:id/test': { allowed: admins },
  'GET /api/v1/webhooks/:id/deliveries': { allowed: admins },
  'POST /api/v1/webhooks/deliveries/:id/replay': { allowed: admins },
};
