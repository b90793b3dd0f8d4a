import { inArray, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { type PersonaKey, personPersonas } from '../db/schema/engagement.ts';

/**
 * A person's current persona ('unknown' when they have none yet). For other domains (nudges,
 * digests, shares); a person's persona is private: never show it to anyone but them and admins.
 */
export async function personaOf(tx: Tx, personId: string): Promise<PersonaKey> {
  const [row] = await tx.select({ persona: personPersonas.persona }).from(personPersonas).where(eq(personPersonas.personId, personId)).limit(1);
  return row?.persona ?? 'unknown';
}

/** The current personas of many people at once; everyone asked for is in the map ('unknown' when none). */
export async function personasOf(tx: Tx, personIds: string[]): Promise<Map<string, PersonaKey>> {
  const out = new Map<string, PersonaKey>(personIds.map((id) => [id, 'unknown']));
  for (let i = 0; i < personIds.length; i += 5_000) {
    const rows = await tx
      .select({ personId: personPersonas.personId, persona: personPersonas.persona })
      .from(personPersonas)
      .where(inArray(personPersonas.personId, personIds.slice(i, i + 5_000)));
    for (const row of rows) out.set(row.personId, row.persona);
  }
  return out;
}
