import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { settings } from '../db/schema/index.ts';
import { defaultGuardrails, guardrailsSchema } from '../nudges/guardrails.ts';
import { companyFollowersSchema } from '../impact/schema.ts';

/** Every organisation setting with its type and default; later domains add theirs here. */
export const settingSchemas = {
  'organisation.name': z.string().min(1).max(120).nullable().default(null),
  'policy.socialMediaVersion': z.string().min(1).max(40).default('2026-1'),
  'policy.socialMediaUrl': z.url().nullable().default(null),
  /** The yearly storytelling target on the editorial calendar. */
  'editorial.yearlyTarget': z.number().int().min(1).max(10_000).default(52),
  /** The employment disclosure the share composer adds (advertising codes for social media expect it). */
  'sharing.disclosure': z
    .object({ enabled: z.boolean(), textNl: z.string().max(100), textEn: z.string().max(100) })
    .default({ enabled: true, textNl: '#medewerker', textEn: '#employee' }),
  /** Private-network hosts Podium may fetch from (a self-hosted ATS on the intranet), beside PODIUM_FETCH_ALLOW_HOSTS. */
  'fetch.allowHosts': z.array(z.string().trim().toLowerCase().min(1).max(253)).max(100).default([]),
  /** Retention in days per kind of data (see the privacy register). */
  'privacy.retentionDays': z.record(z.string(), z.number().int().min(1).max(3650)).default({}),
  // nudges: frequency cap, quiet hours, weekends and the default holdout share
  'nudges.guardrails': guardrailsSchema.default(defaultGuardrails),
  // channels: secrets here are never returned by any API.
  /** The Web Push (VAPID, RFC 8292) key pair, made once on first use; the private key never leaves the server. */
  'push.vapid': z.object({ publicKey: z.string().min(80).max(100), privateKey: z.string().min(40).max(50) }).nullable().default(null),
  /** The Slack app's bot token for direct messages, and the workspace auth.test named when it was saved. */
  'integrations.slack': z
    .object({ botToken: z.string().min(1).max(300), teamId: z.string().max(40), teamName: z.string().max(200), savedAt: z.string() })
    .nullable()
    .default(null),
  /** Incoming webhooks of a Slack channel and a Microsoft Teams channel: team-wide announcements only, never personal nudges. */
  'integrations.webhooks': z
    .object({ slack: z.url().nullable(), teams: z.url().nullable(), language: z.enum(['nl', 'en']).default('en') })
    .default({ slack: null, teams: null, language: 'en' }),
  // impact
  /** The company page's follower counts per network, shown next to each ambassador's reach on the impact page. */
  'company.followers': companyFollowersSchema.default({ linkedin: null, x: null, facebook: null }),
  // analytics
  /** The assumptions behind earned media value: what a click and a thousand impressions would have cost as paid media, and the share of a sharer's network that sees a share. */
  'analytics.emv': z
    .object({
      currency: z.string().length(3).toUpperCase(),
      costPerClick: z.number().min(0).max(1000),
      costPerThousandImpressions: z.number().min(0).max(10_000),
      impressionsPerNetworkMember: z.number().min(0).max(10),
    })
    .default({ currency: 'EUR', costPerClick: 2.5, costPerThousandImpressions: 15, impressionsPerNetworkMember: 0.1 }),
  /** The network size assumed for a sharer who has not said theirs (reach and impressions estimates). */
  'analytics.defaultNetworkSize': z.number().int().min(0).max(1_000_000).default(500),
  // leaderboards and scheduled reports
  /** Fair, opt-in leaderboards: off until an admin switches them on for the organisation. */
  'leaderboards.enabled': z.boolean().default(false),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingSchemas)[K]>;

/** Reads a setting, falling back to its default when unset or no longer valid. */
export async function getSetting<K extends SettingKey>(tx: Tx, key: K): Promise<SettingValue<K>> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key)).limit(1);
  const schema = settingSchemas[key];
  const parsed = schema.safeParse(row?.value ?? undefined);
  return (parsed.success ? parsed.data : schema.parse(undefined)) as SettingValue<K>;
}

/** Writes a setting after validating it. */
export async function putSetting<K extends SettingKey>(tx: Tx, key: K, value: SettingValue<K>, now: Date): Promise<void> {
  const parsed = settingSchemas[key].parse(value);
  await tx
    .insert(settings)
    .values({ key, value: parsed, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: now } });
}
