import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { audiences, type Language, themes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { localName } from './presenter.ts';
import type { AudienceView, CreateAudienceInput, CreateThemeInput, ThemeView, UpdateAudienceInput, UpdateThemeInput } from './schema.ts';

type ThemeRow = typeof themes.$inferSelect;
type AudienceRow = typeof audiences.$inferSelect;

const presentTheme = (row: ThemeRow, language: Language): ThemeView => ({
  id: row.id,
  key: row.key,
  name: localName(language, row),
  nameNl: row.nameNl,
  nameEn: row.nameEn,
  description: row.description,
  active: row.active,
});

const presentAudience = (row: AudienceRow, language: Language): AudienceView => ({
  id: row.id,
  key: row.key,
  name: localName(language, row),
  nameNl: row.nameNl,
  nameEn: row.nameEn,
  position: row.position,
  active: row.active,
});

const keyTaken = (error: unknown, key: string | undefined) => {
  if (isUniqueViolation(error)) return new AppError(409, 'key_taken', 'error.key_taken', { key: key ?? '' });
  return error;
};

/** Every theme, sorted by name in the reader's language. */
export async function listThemes(ctx: AppContext, language: Language): Promise<ThemeView[]> {
  const rows = await ctx.database.db.select().from(themes);
  return rows.map((r) => presentTheme(r, language)).sort((a, b) => a.name.localeCompare(b.name, language));
}

export async function createTheme(ctx: AppContext, auth: SignedIn, input: CreateThemeInput, language: Language): Promise<ThemeView> {
  const now = ctx.clock.now();
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(themes)
        .values({ key: input.key, nameNl: input.nameNl, nameEn: input.nameEn, description: input.description ?? null, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, auth, now, { action: 'theme.created', subjectType: 'theme', subjectId: created.id, after: { key: created.key, nameNl: created.nameNl, nameEn: created.nameEn } });
      return created;
    });
    return presentTheme(row, language);
  } catch (error) {
    throw keyTaken(error, input.key);
  }
}

export async function updateTheme(ctx: AppContext, auth: SignedIn, id: string, input: UpdateThemeInput, language: Language): Promise<ThemeView> {
  const now = ctx.clock.now();
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(themes).where(eq(themes.id, id));
      if (!before) throw notFound('theme_not_found', id);
      const [updated] = await tx
        .update(themes)
        .set({ ...input, updatedAt: now })
        .where(eq(themes.id, id))
        .returning();
      if (!updated) throw notFound('theme_not_found', id);
      await recordAudit(tx, auth, now, { action: 'theme.updated', subjectType: 'theme', subjectId: id, before: { key: before.key, nameNl: before.nameNl, nameEn: before.nameEn, active: before.active }, after: { ...input } });
      return updated;
    });
    return presentTheme(row, language);
  } catch (error) {
    throw keyTaken(error, input.key);
  }
}

/** Every audience in its configured order. */
export async function listAudiences(ctx: AppContext, language: Language): Promise<AudienceView[]> {
  const rows = await ctx.database.db.select().from(audiences).orderBy(asc(audiences.position), asc(audiences.key));
  return rows.map((r) => presentAudience(r, language));
}

export async function createAudience(ctx: AppContext, auth: SignedIn, input: CreateAudienceInput, language: Language): Promise<AudienceView> {
  const now = ctx.clock.now();
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(audiences)
        .values({ key: input.key, nameNl: input.nameNl, nameEn: input.nameEn, position: input.position ?? 100, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, auth, now, { action: 'audience.created', subjectType: 'audience', subjectId: created.id, after: { key: created.key } });
      return created;
    });
    return presentAudience(row, language);
  } catch (error) {
    throw keyTaken(error, input.key);
  }
}

/** Renames, reorders or (de)activates an audience; its key stays, since shares and links name it. */
export async function updateAudience(ctx: AppContext, auth: SignedIn, id: string, input: UpdateAudienceInput, language: Language): Promise<AudienceView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(audiences)
      .set({ ...input, updatedAt: now })
      .where(eq(audiences.id, id))
      .returning();
    if (!updated) throw notFound('audience_not_found', id);
    await recordAudit(tx, auth, now, { action: 'audience.updated', subjectType: 'audience', subjectId: id, after: { ...input } });
    return updated;
  });
  return presentAudience(row, language);
}
