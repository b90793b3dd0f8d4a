import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { NotificationChannel } from '../../lib/types';

export const PERSONAS = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'] as const;
export type Persona = (typeof PERSONAS)[number];
export const TRIGGERS = ['new_story', 'share_clicks', 'share_application', 'vacancy_needs_stories', 'inactive', 'onboarding', 'leaving'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface NudgeText {
  subject: string;
  body: string;
  action: string;
}

/** `GET /api/v1/nudges/templates` item. */
export interface NudgeTemplate {
  id: string;
  key: string;
  trigger: Trigger;
  params: Record<string, unknown>;
  personas: Persona[];
  channel: NotificationChannel;
  texts: { en: NudgeText; nl: NudgeText };
  enabled: boolean;
  holdoutPercent: number;
  variables: string[];
  updatedAt: string;
}

export type TemplateChanges = Partial<Pick<NudgeTemplate, 'params' | 'personas' | 'channel' | 'texts' | 'enabled' | 'holdoutPercent'>>;
export type NewTemplate = Pick<NudgeTemplate, 'key' | 'trigger' | 'params' | 'personas' | 'channel' | 'texts' | 'enabled' | 'holdoutPercent'>;

export interface Guardrails {
  perWeek: number;
  quietStart: string;
  quietEnd: string;
  weekends: boolean;
  holdoutPercent: number;
}

export interface ReportRow {
  templateKey: string;
  persona: Persona;
  decided: number;
  sent: number;
  holdout: number;
  suppressed: number;
  failed: number;
  opened: number;
  clicked: number;
  sharedAfterNudge: number;
  sharedInHoldout: number;
  shareRateNudged: number | null;
  shareRateHoldout: number | null;
  upliftPoints: number | null;
  tooFewToSay: boolean;
}
export interface NudgeReport {
  days: number;
  minimumNudged: number;
  minimumHoldout: number;
  rows: ReportRow[];
}

export interface FailedNudge {
  id: string;
  templateKey: string;
  personId: string;
  personName: string;
  channel: NotificationChannel;
  reason: string | null;
  attempts: number;
  scheduledFor: string;
}

export interface MailSubscriptions {
  nudges: boolean;
  digest: boolean;
}

const TEMPLATES = ['nudges', 'templates'] as const;

export function useTemplates() {
  return useQuery({ queryKey: TEMPLATES, queryFn: () => api<{ items: NudgeTemplate[] }>('/api/v1/nudges/templates') });
}

/** `inlineError`: the form shows the API's message itself (no toast). */
export function useUpdateTemplate(inlineError = false) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError },
    mutationFn: ({ id, changes }: { id: string; changes: TemplateChanges }) => api<NudgeTemplate>(`/api/v1/nudges/templates/${id}`, { method: 'PATCH', json: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: TEMPLATES }),
  });
}

export function useCreateTemplate() {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (template: NewTemplate) => api<NudgeTemplate>('/api/v1/nudges/templates', { method: 'POST', json: template }),
    onSuccess: () => client.invalidateQueries({ queryKey: TEMPLATES }),
  });
}

export function useGuardrails() {
  return useQuery({ queryKey: ['nudges', 'guardrails'], queryFn: () => api<Guardrails>('/api/v1/nudges/guardrails') });
}

export function useSaveGuardrails() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (guardrails: Guardrails) => api<Guardrails>('/api/v1/nudges/guardrails', { method: 'PUT', json: guardrails }),
    onSuccess: (saved) => client.setQueryData(['nudges', 'guardrails'], saved),
  });
}

export function useReport(days: number) {
  return useQuery({ queryKey: ['nudges', 'report', days], queryFn: () => api<NudgeReport>(`/api/v1/nudges/report?days=${days}`) });
}

export function useFailed() {
  return useQuery({ queryKey: ['nudges', 'failed'], queryFn: () => api<{ items: FailedNudge[] }>('/api/v1/nudges/failed') });
}

export function useMailSubscriptions() {
  return useQuery({ queryKey: ['me', 'mail-subscriptions'], queryFn: () => api<MailSubscriptions>('/api/v1/me/mail-subscriptions') });
}

export function useSaveMailSubscriptions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<MailSubscriptions>) => api<MailSubscriptions>('/api/v1/me/mail-subscriptions', { method: 'PUT', json: changes }),
    onSuccess: (saved) => client.setQueryData(['me', 'mail-subscriptions'], saved),
  });
}
