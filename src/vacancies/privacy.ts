import { eq } from 'drizzle-orm';
import { vacancySources, vacancySyncs } from '../db/schema/index.ts';
import { declareNoPersonalData, registerPersonalData } from '../privacy/register.ts';

// Vacancies, their themes and the theme rules describe jobs, not people.
declareNoPersonalData('vacancies', 'vacancy_themes', 'theme_rules');

// Who added a vacancy source and who started a sync, for the audit of recruitment's set-up.
registerPersonalData({
  key: 'recruitment.sources',
  tables: ['vacancy_sources', 'vacancy_syncs'],
  description: 'Which vacancy sources a person added and which syncs they started.',
  async export(tx, subject) {
    const sources = await tx.select({ name: vacancySources.name, url: vacancySources.url, createdAt: vacancySources.createdAt }).from(vacancySources).where(eq(vacancySources.createdBy, subject.id));
    const syncs = await tx.select({ startedAt: vacancySyncs.startedAt, status: vacancySyncs.status }).from(vacancySyncs).where(eq(vacancySyncs.triggeredBy, subject.id));
    return { sources, syncs };
  },
  async erase(tx, subject) {
    await tx.update(vacancySources).set({ createdBy: null }).where(eq(vacancySources.createdBy, subject.id));
    await tx.update(vacancySyncs).set({ triggeredBy: null }).where(eq(vacancySyncs.triggeredBy, subject.id));
  },
});
