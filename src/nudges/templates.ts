import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { type NudgeTrigger, nudgeTemplates } from '../db/schema/index.ts';
import { refuseLeaderboardForAnchored } from '../leaderboards/nudge-guard.ts';
import { AppError } from '../http/errors.ts';
import { getSetting } from '../settings/service.ts';
import { installDefaultTemplates } from './defaults.ts';
import { type TemplateCreateInput, type TemplateParams, type TemplateUpdateInput, type TemplateView, triggerParams } from './schema.ts';
import { textProblems, triggerVariables } from './texts.ts';

type TemplateRow = typeof nudgeTemplates.$inferSelect;

export function presentTemplate(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    key: row.key,
    trigger: row.trigger,
    params: row.params,
    personas: row.personas,
    channel: row.channel,
    texts: row.texts,
    enabled: row.enabled,
    holdoutPercent: row.holdoutPercent,
    variables: [...triggerVariables[row.trigger]],
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Validates trigger parameters (400 naming the problem) and fills their defaults. */
export function checkParams(trigger: NudgeTrigger, params: Record<string, unknown>): TemplateParams {
  const parsed = triggerParams[trigger].safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
    throw new AppError(400, 'nudge_params_invalid', 'error.nudge_params_invalid', { trigger, detail }, parsed.error.issues);
  }
  return parsed.data;
}

/** Refuses texts with a `{variable}` that does not exist or that the trigger does not fill in. */
export function checkTexts(trigger: NudgeTrigger, texts: TemplateCreateInput['texts']): void {
  const [problem, ...rest] = textProblems(trigger, texts);
  if (!problem) return;
  const available = triggerVariables[trigger].map((v) => `{${v}}`).join(', ');
  const details = [problem, ...rest];
  if (problem.reason === 'unknown') {
    throw new AppError(400, 'nudge_variable_unknown', 'error.nudge_variable_unknown', { variable: `{${problem.variable}}`, path: problem.path, available }, details);
  }
  throw new AppError(400, 'nudge_variable_not_for_trigger', 'error.nudge_variable_not_for_trigger', { variable: `{${problem.variable}}`, path: problem.path, trigger, available }, details);
}

/** Every template, the defaults installed first (idempotent by key). */
export async function listTemplates(ctx: AppContext): Promise<TemplateView[]> {
  const db = ctx.database.db;
  const guardrails = await getSetting(db, 'nudges.guardrails');
  await installDefaultTemplates(db, ctx.clock.now(), guardrails.holdoutPercent);
  const rows = await db.select().from(nudgeTemplates).orderBy(asc(nudgeTemplates.trigger), asc(nudgeTemplates.key));
  return rows.map(presentTemplate);
}

async function templateById(tx: Tx, id: string): Promise<TemplateRow> {
  const [row] = await tx.select().from(nudgeTemplates).where(eq(nudgeTemplates.id, id)).limit(1);
  if (!row) throw new AppError(404, 'nudge_template_not_found', 'error.nudge_template_not_found');
  return row;
}

export async function createTemplate(ctx: AppContext, auth: SignedIn, input: TemplateCreateInput): Promise<TemplateView> {
  const params = checkParams(input.trigger, input.params);
  checkTexts(input.trigger, input.texts);
  refuseLeaderboardForAnchored(input.personas, input.texts);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const holdoutPercent = input.holdoutPercent ?? (await getSetting(tx, 'nudges.guardrails')).holdoutPercent;
    const [row] = await tx
      .insert(nudgeTemplates)
      .values({ id: uuidv7(), key: input.key, trigger: input.trigger, params, personas: [...new Set(input.personas)], channel: input.channel, texts: input.texts, enabled: input.enabled, holdoutPercent, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: nudgeTemplates.key })
      .returning();
    if (!row) throw new AppError(409, 'nudge_template_key_taken', 'error.nudge_template_key_taken', { key: input.key });
    await recordAudit(tx, auth, now, { action: 'nudges.template_created', subjectType: 'nudge_template', subjectId: row.id, after: presentTemplate(row) });
    return presentTemplate(row);
  });
}

/** Changes texts, personas, channel, parameters, holdout or the on/off switch; the trigger stays (send keys depend on it). */
export async function updateTemplate(ctx: AppContext, auth: SignedIn, id: string, input: TemplateUpdateInput): Promise<TemplateView> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const before = await templateById(tx, id);
    const params = input.params === undefined ? before.params : checkParams(before.trigger, input.params);
    if (input.texts) checkTexts(before.trigger, input.texts);
    refuseLeaderboardForAnchored(input.personas ?? before.personas, input.texts ?? before.texts);
    const [row] = await tx
      .update(nudgeTemplates)
      .set({
        params,
        personas: input.personas ? [...new Set(input.personas)] : before.personas,
        channel: input.channel ?? before.channel,
        texts: input.texts ?? before.texts,
        enabled: input.enabled ?? before.enabled,
        holdoutPercent: input.holdoutPercent ?? before.holdoutPercent,
        updatedAt: now,
      })
      .where(eq(nudgeTemplates.id, id))
      .returning();
    if (!row) throw new AppError(404, 'nudge_template_not_found', 'error.nudge_template_not_found');
    await recordAudit(tx, auth, now, { action: 'nudges.template_updated', subjectType: 'nudge_template', subjectId: id, before: presentTemplate(before), after: presentTemplate(row) });
    return presentTemplate(row);
  });
}

