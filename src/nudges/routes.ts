import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import { hasRole, isPerson, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { nudges, nudgeTemplates, people } from '../db/schema/index.ts';
import { errorResponses } from '../http/openapi.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { guardrailsSchema } from './guardrails.ts';
import { planNudges } from './planner.ts';
import { publicNudgeRoutes } from './public-routes.ts';
import { canAdministerNudges, canManageNudges } from './policy.ts';
import { nudgeReport } from './report.ts';
import { failedNudgeSchema, guardrailsView, reportSchema, subscriptionsSchema, templateCreateBody, templateSchema, templateUpdateBody } from './schema.ts';
import { createTemplate, listTemplates, updateTemplate } from './templates.ts';
import { setSubscriptions, subscriptionsOf } from './unsubscribe.ts';

const tags = ['nudges'];

/** Nudge templates, guardrails, the effectiveness report, failed deliveries and a person's mail subscriptions. */
export async function nudgeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/nudges/templates', {
    config: { policy: canManageNudges },
    schema: { tags, summary: 'Nudge templates (the persona-aware defaults are installed on first use)', response: { 200: z.object({ items: z.array(templateSchema) }), ...errorResponses } },
    handler: async () => ({ items: await listTemplates(ctx) }),
  });

  app.post('/api/v1/nudges/templates', {
    config: { policy: canManageNudges },
    schema: { tags, summary: 'Create a nudge template: trigger, personas, channel, nl/en texts with {variables}', body: templateCreateBody, response: { 201: templateSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createTemplate(ctx, request.auth as SignedIn, request.body)),
  });

  app.patch('/api/v1/nudges/templates/:id', {
    config: { policy: canManageNudges },
    schema: {
      tags,
      summary: 'Change a template’s texts, personas, channel, parameters or holdout, or switch it on or off',
      params: z.object({ id: z.uuid() }),
      body: templateUpdateBody,
      response: { 200: templateSchema, ...errorResponses },
    },
    handler: async (request) => updateTemplate(ctx, request.auth as SignedIn, request.params.id, request.body),
  });

  app.get('/api/v1/nudges/guardrails', {
    config: { policy: canManageNudges },
    schema: { tags, summary: 'Frequency cap, quiet hours, weekends and the default holdout share', response: { 200: guardrailsView, ...errorResponses } },
    handler: async () => getSetting(ctx.database.db, 'nudges.guardrails'),
  });

  app.put('/api/v1/nudges/guardrails', {
    config: { policy: canAdministerNudges },
    schema: { tags, summary: 'Change the guardrails every nudge passes', body: guardrailsSchema, response: { 200: guardrailsView, ...errorResponses } },
    handler: async (request) => {
      const now = ctx.clock.now();
      await ctx.database.db.transaction(async (tx) => {
        const before = await getSetting(tx, 'nudges.guardrails');
        await putSetting(tx, 'nudges.guardrails', request.body, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.nudge_guardrails_updated', subjectType: 'settings', subjectId: 'nudges.guardrails', before, after: request.body });
      });
      return getSetting(ctx.database.db, 'nudges.guardrails');
    },
  });

  app.get('/api/v1/nudges/report', {
    config: { policy: canManageNudges },
    schema: {
      tags,
      summary: 'Effectiveness per template and persona: sent, held out, opened, clicked, share within 7 days, uplift over the holdout (rows about fewer than 5 people of a persona for admins only)',
      querystring: z.object({ days: z.coerce.number().int().min(7).max(730).default(90) }),
      response: { 200: reportSchema, ...errorResponses },
    },
    handler: async (request) => nudgeReport(ctx, request.query.days, { hideSmallGroups: !hasRole(request.auth as SignedIn, 'admin') }),
  });

  app.get('/api/v1/nudges/failed', {
    config: { policy: canAdministerNudges },
    schema: { tags, summary: 'Nudges that could not be delivered after their retries, with the reason', response: { 200: z.object({ items: z.array(failedNudgeSchema) }), ...errorResponses } },
    handler: async () => {
      const rows = await ctx.database.db
        .select({ nudge: nudges, templateKey: nudgeTemplates.key, personName: people.name })
        .from(nudges)
        .innerJoin(nudgeTemplates, eq(nudgeTemplates.id, nudges.templateId))
        .innerJoin(people, eq(people.id, nudges.personId))
        .where(and(inArray(nudges.status, ['failed'])))
        .orderBy(desc(nudges.scheduledFor))
        .limit(200);
      return {
        items: rows.map(({ nudge, templateKey, personName }) => ({
          id: nudge.id,
          templateKey,
          personId: nudge.personId,
          personName,
          channel: nudge.channel,
          status: nudge.status,
          reason: nudge.reason,
          attempts: nudge.attempts,
          scheduledFor: nudge.scheduledFor.toISOString(),
        })),
      };
    },
  });

  app.post('/api/v1/nudges/plan', {
    config: { policy: canAdministerNudges },
    schema: {
      tags,
      summary: 'Run the nudge planner now (it also runs every 15 minutes)',
      response: { 200: z.object({ templates: z.number(), candidates: z.number(), scheduled: z.number(), holdout: z.number(), suppressed: z.number(), overCap: z.number() }), ...errorResponses },
    },
    handler: async () => planNudges(ctx),
  });

  app.get('/api/v1/me/mail-subscriptions', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Whether I receive nudge e-mails and the weekly digest', response: { 200: subscriptionsSchema, ...errorResponses } },
    handler: async (request) => subscriptionsOf(ctx, (request.auth as SignedIn).personId as string),
  });

  app.put('/api/v1/me/mail-subscriptions', {
    config: { policy: isPerson },
    schema: {
      tags,
      summary: 'Unsubscribe from or re-subscribe to nudge e-mails and the weekly digest (re-subscribing voids older unsubscribe links)',
      body: subscriptionsSchema.partial(),
      response: { 200: subscriptionsSchema, ...errorResponses },
    },
    handler: async (request) => setSubscriptions(ctx, (request.auth as SignedIn).personId as string, request.body),
  });

  await publicNudgeRoutes(app, ctx);
}
