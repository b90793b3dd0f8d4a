import type { AmbassadorStatus } from '../../lib/types';

/** GET /api/v1/people/{id}/alumni and /api/v1/me/alumni. */
export interface AlumniStatus {
  personId: string;
  name: string;
  ambassadorStatus: AmbassadorStatus;
  leftAt: string | null;
  personalEmail: string | null;
  inProgramme: boolean;
  alumniJoinedAt: string | null;
}

/** GET /api/v1/alumni/invitation?token=… */
export interface AlumniInvitation {
  name: string;
  language: 'nl' | 'en';
  inProgramme: boolean;
  personalEmailHint: string | null;
}

export const alumniStatusKey = (personId: string) => ['alumni', personId] as const;
export const myAlumniKey = ['alumni', 'me'] as const;
export const invitationKey = (token: string) => ['alumni', 'invitation', token] as const;
