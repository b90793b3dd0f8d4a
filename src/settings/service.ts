import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { settings } from '../db/schema/index.ts';

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
