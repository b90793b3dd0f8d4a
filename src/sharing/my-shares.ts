import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { audiences, links, shares, stories, vacancies } from '../db/schema/index.ts';
import { decodeCursor, page } from '../http/pagination.ts';
import { shortLinkUrl } from '../public/urls.ts';
import type { MyShareView } from './schema.ts';

/** GET /me/shares: a person's own shares with their links, newest first. */
export async function listMyShares(ctx: AppContext, personId: string, query: { limit: number; cursor?: string | undefined }): Promise<{ items: MyShareView[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const rows = await ctx.database.db
    .select({
      id: shares.id,
      storyId: stories.id,
      storyTitle: stories.title,
      storySlug: stories.slug,
      vacancyId: vacancies.id,
      vacancyTitle: vacancies.title,
      vacancySlug: vacancies.slug,
      network: shares.network,
      audience: audiences.key,
      text: shares.text,
      code: links.code,
      personalised: shares.personalised,
      createdAt: shares.createdAt,
    })
    .from(shares)
    .innerJoin(links, eq(links.shareId, shares.id))
    .leftJoin(stories, eq(stories.id, shares.storyId))
    .leftJoin(vacancies, eq(vacancies.id, shares.vacancyId))
    .leftJoin(audiences, eq(audiences.id, shares.audienceId))
    .where(and(eq(shares.personId, personId), cursor ? sql`(${shares.createdAt}, ${shares.id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined))
    .orderBy(sql`${shares.createdAt} desc`, sql`${shares.id} desc`)
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      id: r.id,
      story: r.storyId && r.storyTitle !== null && r.storySlug !== null ? { id: r.storyId, title: r.storyTitle, slug: r.storySlug } : null,
      vacancy: r.vacancyId && r.vacancyTitle !== null && r.vacancySlug !== null ? { id: r.vacancyId, title: r.vacancyTitle, slug: r.vacancySlug } : null,
      network: r.network,
      audience: r.audience,
      text: r.text,
      shortUrl: shortLinkUrl(ctx.config, r.code),
      personalised: r.personalised,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
