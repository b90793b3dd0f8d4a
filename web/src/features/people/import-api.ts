export interface RowError {
  line: number;
  reason: string;
}

/** Result of `POST /api/v1/people/imports?dryRun=true`. */
export interface ImportValidation {
  id: null;
  status: 'validated';
  total: number;
  valid: number;
  invalid: number;
  errors: RowError[];
  delimiter: string;
  encoding: string;
}

export type ImportPhase = 'validating' | 'staging' | 'applying' | 'inviting' | 'done';

/** `GET /api/v1/people/imports/{id}`. */
export interface ImportJob {
  id: string;
  status: 'running' | 'completed' | 'failed' | 'rejected';
  phase: ImportPhase;
  processed: number;
  total: number;
  created: number;
  updated: number;
  invited: number;
  errors: RowError[];
  message: string | null;
  /** Alumni this import took back (re-hires recognised by work or personal e-mail). */
  rehired?: { personId: string; email: string; line: number }[];
}
