import type { Policy } from '../auth/context.ts';
import { isEditor } from '../stories/policy.ts';

/** Campaigns are shown to everyone signed in (the feed highlights them). */
export const canViewCampaigns: Policy = () => true;

/** Editors and admins run campaigns. */
export const canManageCampaigns: Policy = isEditor;
