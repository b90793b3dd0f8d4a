import { isSignedIn, type SignedIn } from '../auth/context.ts';
import { recordAudit } from '../audit/service.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { calendar, calendarSummary } from './calendar.ts';
import { canManageProgramme, canViewCalendar } from './policy.ts';
import { calendarItemSchema, calendarQuery, calendarSummarySchema, calendarSummaryQuery, programmeSettingsSchema } from './schema.ts';

/** The editorial calendar, its yearly summary, and the programme settings (target and disclosure). */
export async function calendarRoutes(app: App, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;

  app.get('/api/v1/calendar', {
    config: { policy: canViewCalendar },
    schema: { tags: ['stories'], summary: 'Published and planned stories between two dates', querystring: calendarQuery, response: { 200: listOf(calendarItemSchema), ...errorResponses } },
    handler: async (request) => calendar(ctx, request.query.from, request.query.to),
  });

  app.get('/api/v1/calendar/summary', {
    config: { policy: canViewCalendar },
    schema: { tags: ['stories'], summary: 'Yearly target, progress and podium coverage', querystring: calendarSummaryQuery, response: { 200: calendarSummarySchema, ...errorResponses } },
    handler: async (request) => calendarSummary(ctx, request.query.year),
  });

  const readProgramme = async () => ({ yearlyTarget: await getSetting(db, 'editorial.yearlyTarget'), disclosure: await getSetting(db, 'sharing.disclosure') });

  app.get('/api/v1/settings/programme', {
    config: { policy: isSignedIn },
    schema: { tags: ['settings'], summary: 'The storytelling programme: yearly target and employment disclosure', response: { 200: programmeSettingsSchema, ...errorResponses } },
    handler: readProgramme,
  });

  app.put('/api/v1/settings/programme', {
    config: { policy: canManageProgramme },
    schema: { tags: ['settings'], summary: 'Change the yearly target and the employment disclosure', body: programmeSettingsSchema, response: { 200: programmeSettingsSchema, ...errorResponses } },
    handler: async (request) => {
      const now = ctx.clock.now();
      const before = await readProgramme();
      await db.transaction(async (tx) => {
        await putSetting(tx, 'editorial.yearlyTarget', request.body.yearlyTarget, now);
        await putSetting(tx, 'sharing.disclosure', request.body.disclosure, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.programme_updated', subjectType: 'settings', subjectId: 'programme', before, after: request.body });
      });
      return readProgramme();
    },
  });
}
