import { v7 as uuidv7 } from 'uuid';
import { insertLink } from '../../src/sharing/compose.ts';
import { shares } from '../../src/db/schema/index.ts';
import type { Network } from '../../src/db/schema/stories.ts';
import { type ClickInput, type ClickKind, shareDimensionsOf, storeClicks } from '../../src/links/store.ts';
import type { TestApp } from './app.ts';
import { buildPerson } from './factories.ts';

/**
 * Inserts a share of a story with its link, straight into the tables (tests of clicks and
 * conversions do not go through the composer).
 * @example const share = await buildShare(t, story.id, { network: 'x' })
 */
export async function buildShare(
  t: TestApp,
  storyId: string,
  overrides: { personId?: string; network?: Network; campaignId?: string | null; departmentId?: string | null; audienceId?: string | null; at?: Date } = {},
): Promise<{ shareId: string; personId: string; code: string }> {
  const db = t.ctx.database.db;
  const at = overrides.at ?? t.clock.now();
  const personId = overrides.personId ?? (await buildPerson(t)).id;
  const [share] = await db
    .insert(shares)
    .values({
      id: uuidv7(),
      personId,
      itemType: 'story',
      storyId,
      network: overrides.network ?? 'linkedin',
      audienceId: overrides.audienceId ?? null,
      text: 'In my own words',
      personalised: true,
      similarity: 0,
      campaignId: overrides.campaignId ?? null,
      departmentId: overrides.departmentId ?? null,
      createdAt: at,
    })
    .returning({ id: shares.id });
  if (!share) throw new Error('buildShare inserted nothing');
  const code = await insertLink(db, share.id, storyId, at);
  return { shareId: share.id, personId, code };
}

/**
 * Stores clicks on a share's link through the real click writer (rollups included) and answers
 * their ids (the pcids a visitor would carry).
 * @example const [pcid] = await buildClicks(t, share, [{ at: day1, visitor: 'anna' }])
 */
export async function buildClicks(
  t: TestApp,
  share: { shareId: string; code: string },
  clicks: { at?: Date; kind?: ClickKind; visitor?: string | null; device?: ClickInput['device']; referrerHost?: string | null }[],
): Promise<string[]> {
  const dimensions = (await shareDimensionsOf(t.ctx.database.db, [share.shareId])).get(share.shareId);
  if (!dimensions) throw new Error(`no share ${share.shareId}`);
  const batch: ClickInput[] = clicks.map((click) => {
    const kind = click.kind ?? 'visit';
    return {
      id: uuidv7(),
      linkCode: share.code,
      occurredAt: click.at ?? t.clock.now(),
      kind,
      bot: kind !== 'visit',
      device: kind === 'visit' ? (click.device ?? 'mobile') : null,
      referrerHost: click.referrerHost ?? null,
      visitorHash: kind === 'visit' && click.visitor !== null ? `test-${click.visitor ?? uuidv7()}` : null,
      share: dimensions,
    };
  });
  await t.ctx.database.db.transaction((tx) => storeClicks(tx, batch));
  return batch.map((click) => click.id);
}
