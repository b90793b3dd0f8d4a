import type { NudgeText, NudgeTrigger } from '../db/schema/index.ts';

/** Variables every nudge text may use. */
const common = ['name', 'firstName', 'organisation'] as const;

/** The variables each trigger fills in, beside the common ones. */
export const triggerVariables: Record<NudgeTrigger, readonly string[]> = {
  new_story: [...common, 'storyTitle'],
  share_clicks: [...common, 'storyTitle', 'clicks'],
  share_application: [...common, 'storyTitle', 'applications'],
  vacancy_needs_stories: [...common, 'vacancyTitle', 'department'],
  inactive: [...common, 'days'],
  onboarding: [...common],
  leaving: [...common],
};

export const allVariables = [...new Set(Object.values(triggerVariables).flat())].sort();

const variablePattern = /\{([^{}]*)\}/g;

/** The `{variable}` names a text uses. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(variablePattern)].map((m) => m[1] ?? '');
}

export interface TextProblem {
  path: string;
  variable: string;
  reason: 'unknown' | 'not_for_trigger';
}

/** Variables a template's texts use that do not exist, or that its trigger does not fill in. */
export function textProblems(trigger: NudgeTrigger, texts: Record<string, NudgeText>): TextProblem[] {
  const available = new Set(triggerVariables[trigger]);
  const problems: TextProblem[] = [];
  for (const [language, text] of Object.entries(texts)) {
    for (const field of ['subject', 'body', 'action'] as const) {
      for (const variable of variablesIn(text[field])) {
        if (available.has(variable)) continue;
        problems.push({ path: `texts.${language}.${field}`, variable, reason: allVariables.includes(variable) ? 'not_for_trigger' : 'unknown' });
      }
    }
  }
  return problems;
}

/** Fills `{variable}` placeholders; a line break in a value never reaches a subject line. */
export function fillText(text: string, variables: Record<string, string | number>): string {
  return text.replace(variablePattern, (whole, name: string) => {
    const value = variables[name];
    return value === undefined ? whole : String(value).replace(/[\r\n]+/g, ' ');
  });
}
