import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config.ts';
import { CliError, expectStatus, withApi } from './api-client.ts';

/** Writes personal data to a file only its owner can read (an export is about one person). */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600, flag: 'w' });
}

/**
 * On a terminal, erasure asks for the e-mail address once more (it cannot be undone). Scripts
 * (no terminal) and `--yes` go ahead without asking.
 */
export async function confirmErasure(email: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return true;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Erasing ${email} cannot be undone. Type the e-mail address again to go ahead: `);
    return answer.trim().toLowerCase() === email.trim().toLowerCase();
  } finally {
    prompt.close();
  }
}

export interface Period {
  key: string;
  defaultDays: number;
  days: number;
}

/** `podium privacy retention [--set key=days…]`: shows the periods, after changing them if asked. */
export async function retention(config: Config, assignments: string[]): Promise<Period[]> {
  const days: Record<string, number | null> = {};
  for (const assignment of assignments) {
    const match = /^([a-z0-9_.]+)=(\d+|default)$/i.exec(assignment.trim());
    if (!match) throw new CliError(`--set ${assignment}: write key=days (e.g. links.clicks=180) or key=default.`);
    days[match[1] as string] = match[2] === 'default' ? null : Number(match[2]);
  }
  return withApi(config, async (api) => {
    const response = assignments.length > 0 ? await api.request('PUT', '/api/v1/settings/retention', { days }) : await api.request('GET', '/api/v1/settings/retention');
    expectStatus(response, 200);
    return (response.body as { items: Period[] }).items;
  });
}
