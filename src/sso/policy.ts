import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';

/** The e-mail address's domain, lower case. */
export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Whether an address must sign in through single sign-on (PODIUM_SSO_REQUIRED): every employee does,
 * except the break-glass admins in PODIUM_SSO_BREAK_GLASS. An address is an employee's when it is in
 * one of the allowed SSO domains, or when it is the work address of someone who has not left. Alumni
 * keep their magic link to a personal address (see src/auth/alumni-access.ts).
 */
export function ssoRequiredFor(config: Config, email: string, person: { ambassadorStatus: string } | null): boolean {
  const settings = config.oidc;
  if (!settings?.required) return false;
  const address = email.trim().toLowerCase();
  if (settings.breakGlassEmails.includes(address)) return false;
  if (address.includes('@') && settings.allowedDomains.includes(domainOf(address))) return true;
  return person !== null && person.ambassadorStatus !== 'alumni';
}

/** Refuses magic-link and password sign-in where SSO is required (403 sso_required, naming the SSO button). */
export function assertSsoNotRequired(config: Config, email: string, person: { ambassadorStatus: string } | null): void {
  if (ssoRequiredFor(config, email, person)) {
    throw new AppError(403, 'sso_required', 'error.sso_required', { label: config.oidc?.label ?? 'SSO' });
  }
}
