import { type ConversionType, conversionTypes } from '../db/schema/tracking.ts';
import { AppError } from '../http/errors.ts';

/** Most click ids one conversion may carry (the script keeps at most as many). */
export const MAX_CLICK_IDS = 50;
/** How far in the future a reported time may lie: the reporter's clock may run a little ahead. */
export const FUTURE_SKEW_MS = 5 * 60_000;
export const MAX_EXTERNAL_ID_LENGTH = 200;
export const MAX_VACANCY_REF_LENGTH = 200;

/** A conversion as a careers site, an ATS or a CSV file reports it. */
export interface ConversionInput {
  clickId?: string | null | undefined;
  clickIds?: readonly string[] | null | undefined;
  type: ConversionType;
  /** The reporter's own id of the conversion (e.g. the ATS's application id): a repeat is the same conversion. */
  externalId: string;
  vacancyId?: string | null | undefined;
  /** The ATS's own job id, until the recruitment issue links it to vacancies. */
  vacancyRef?: string | null | undefined;
  /** When it happened; now when left out. */
  occurredAt?: Date | string | null | undefined;
}

/** A conversion checked and normalised, ready to store. */
export interface CheckedConversion {
  externalId: string;
  type: ConversionType;
  occurredAt: Date;
  vacancyId: string | null;
  vacancyRef: string | null;
  /** Lower-cased, without repeats, in the order reported. */
  clickIds: string[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (any version): click ids are UUIDv7, but a conversion only needs a well-formed one. */
export const isUuid = (value: string): boolean => uuidPattern.test(value);

const isConversionType = (value: string): value is ConversionType => (conversionTypes as readonly string[]).includes(value);

/**
 * Checks a reported conversion and normalises it; every problem is a 400 whose message says
 * what to fix. The API's zod schema catches most of these first; CSV rows and other callers
 * rely on this.
 */
export function checkConversion(input: ConversionInput, now: Date): CheckedConversion {
  const externalId = input.externalId.trim();
  if (externalId === '' || externalId.length > MAX_EXTERNAL_ID_LENGTH || externalId.includes('\0')) {
    throw new AppError(400, 'conversion_external_id_invalid', 'error.conversion_external_id_invalid', { limit: MAX_EXTERNAL_ID_LENGTH });
  }
  if (!isConversionType(input.type)) {
    throw new AppError(400, 'conversion_type_unknown', 'error.conversion_type_unknown', { type: String(input.type), types: conversionTypes.join(', ') });
  }
  const reported = [...(input.clickId ? [input.clickId] : []), ...(input.clickIds ?? [])].map((id) => id.trim());
  const invalid = reported.find((id) => !isUuid(id));
  if (invalid !== undefined) throw new AppError(400, 'conversion_click_id_invalid', 'error.conversion_click_id_invalid', { value: invalid.slice(0, 60) });
  const clickIds = [...new Set(reported.map((id) => id.toLowerCase()))];
  if (clickIds.length > MAX_CLICK_IDS) {
    throw new AppError(400, 'conversion_too_many_clicks', 'error.conversion_too_many_clicks', { count: clickIds.length, limit: MAX_CLICK_IDS });
  }
  const occurredAt = input.occurredAt == null ? now : new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw new AppError(400, 'conversion_time_invalid', 'error.conversion_time_invalid', { value: String(input.occurredAt).slice(0, 60) });
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    throw new AppError(400, 'conversion_in_future', 'error.conversion_in_future', { value: occurredAt.toISOString(), minutes: FUTURE_SKEW_MS / 60_000 });
  }
  const vacancyId = input.vacancyId?.trim() || null;
  if (vacancyId !== null && !isUuid(vacancyId)) throw new AppError(400, 'conversion_vacancy_invalid', 'error.conversion_vacancy_invalid', { value: vacancyId.slice(0, 60) });
  const vacancyRef = input.vacancyRef?.trim() || null;
  if (vacancyRef !== null && (vacancyRef.length > MAX_VACANCY_REF_LENGTH || vacancyRef.includes('\0'))) {
    throw new AppError(400, 'conversion_vacancy_ref_invalid', 'error.conversion_vacancy_ref_invalid', { limit: MAX_VACANCY_REF_LENGTH });
  }
  return { externalId, type: input.type, occurredAt, vacancyId: vacancyId?.toLowerCase() ?? null, vacancyRef, clickIds };
}
