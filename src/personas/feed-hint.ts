import type { PersonaKey } from '../db/schema/engagement.ts';

/**
 * How the feed and the composer adapt to a persona — deliberately small, and only for the two types
 * the original idea says to meet halfway:
 *
 * - cautious mover (`start_small`): stories that come with a ready suggested text rank higher (the
 *   ranking's personaFit weight), and the composer starts from that text: the lowest-effort shares first.
 * - job hopper (`refer_and_write`): vacancy spotlights and stories on themes with hiring pressure
 *   rank higher (referral vacancies), and the feed invites them to refer a vacancy and to write a story.
 *
 * Anchored colleagues, loyal fans and people not yet known see the feed as everyone does. The hint
 * travels in the feed response (`persona`), which only the reader themself receives.
 */
export const feedProfiles = ['start_small', 'refer_and_write'] as const;
export type FeedProfile = (typeof feedProfiles)[number];

export function feedProfileOf(persona: PersonaKey | null | undefined): FeedProfile | null {
  if (persona === 'cautious_mover') return 'start_small';
  if (persona === 'job_hopper') return 'refer_and_write';
  return null;
}

/** What the feed response carries for an adapted reader: the web app words it (namespace "personas"). */
export interface PersonaFeedHint {
  persona: 'cautious_mover' | 'job_hopper';
  profile: FeedProfile;
  /** Ranked higher for this reader. */
  boosted: 'ready_text' | 'vacancies_and_hiring';
  /** Where the composer starts: a ready suggested text, or the person's own words. */
  composer: 'start_with_suggestion' | 'own_words';
  /** In-app paths the hint invites to (open vacancies to refer; the story submission form). */
  invitations: { key: 'refer_vacancy' | 'write_story'; path: string }[];
}

const hints: Record<FeedProfile, PersonaFeedHint> = {
  start_small: { persona: 'cautious_mover', profile: 'start_small', boosted: 'ready_text', composer: 'start_with_suggestion', invitations: [] },
  refer_and_write: {
    persona: 'job_hopper',
    profile: 'refer_and_write',
    boosted: 'vacancies_and_hiring',
    composer: 'own_words',
    invitations: [
      { key: 'refer_vacancy', path: '/jobs' },
      { key: 'write_story', path: '/submit' },
    ],
  },
};

export function feedHintOf(profile: FeedProfile | null): PersonaFeedHint | null {
  return profile ? hints[profile] : null;
}

/** What the fit looks at for one story. */
export interface ProfileFacts {
  format: string;
  /** The story has at least one suggested share text. */
  readyText: boolean;
  /** Hiring pressure on the story's themes (> 0: a theme recruitment needs). */
  hiringPressure: number;
}

/** Whether a story is one the profile puts first. */
export function fitsProfile(profile: FeedProfile | null, story: ProfileFacts): boolean {
  if (profile === 'start_small') return story.readyText;
  if (profile === 'refer_and_write') return story.format === 'vacancy_spotlight' || story.hiringPressure > 0;
  return false;
}
