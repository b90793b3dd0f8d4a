export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['admin', 'editor', 'recruiter', 'ambassador'] as const;
export type Role = (typeof ROLES)[number];

export const AMBASSADOR_STATUSES = ['invited', 'active', 'paused', 'opted_out', 'alumni'] as const;
export type AmbassadorStatus = (typeof AMBASSADOR_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'web_push', 'slack'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const GROUP_KINDS = ['department', 'location', 'team'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface GroupRef {
  id: string;
  name: string;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  startDate: string | null;
  roles: Role[];
  ambassadorStatus: AmbassadorStatus;
  active: boolean;
  department: GroupRef | null;
  location: GroupRef | null;
  teams: GroupRef[];
  consent: { policyVersion: string; givenAt: string } | null;
  notificationChannels: NotificationChannel[];
  hasPassword: boolean;
  /** "I'd like to tell my story": the person's own wish to be featured in a story. */
  tellMyStory?: boolean;
  /** Chose to appear on the team leaderboard (off unless switched on). */
  leaderboardOptIn?: boolean;
  /** Self-reported LinkedIn network size; null: not given. */
  networkSize?: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  person: Person;
  csrfToken: string;
}

export interface Group {
  id: string;
  kind: GroupKind;
  name: string;
  memberCount: number;
}

export interface PublicSettings {
  organisationName: string;
  socialPolicyVersion: string;
  socialPolicyUrl: string | null;
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'nl';
}
