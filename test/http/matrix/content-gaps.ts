import type { Scenario } from './types.ts';
import { staff } from './types.ts';

/**
 * The content gap is shared by communications and recruitment. The request names a theme that
 * does not exist: a 400 still proves the caller got past authorization, and creates nothing.
 */
export const contentGapRoutes: Record<string, Scenario> = {
  'GET /api/v1/content-gaps': { allowed: staff },
  'POST /api/v1/content-gaps/requests': { allowed: staff, body: () => ({ themeId: '00000000-0000-4000-8000-000000000000', kind: 'idea' }) },
};
