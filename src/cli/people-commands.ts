import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { Config } from '../config.ts';
import { CliError, expectStatus, withApi } from './api-client.ts';

interface ImportReport {
  id: string | null;
  total: number;
  valid: number;
  invalid: number;
  errors: { line: number; reason: string }[];
}
interface ImportProgress {
  status: string;
  phase: string;
  processed: number;
  total: number;
  created: number;
  updated: number;
  invited: number;
  message: string | null;
}

const print = (line: string) => process.stderr.write(`${line}\n`);

/** `podium people import FILE.csv`: validates, reports bad rows, imports with a progress bar. */
export async function importPeople(config: Config, file: string, options: { skipInvalid: boolean; invite: boolean; dryRun: boolean }) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return withApi(config, async (api) => {
    const check = await api.request('POST', '/api/v1/people/imports?dryRun=true', bytes, 'text/csv');
    expectStatus(check, 200);
    const report = check.body as ImportReport;
    for (const error of report.errors) print(`  line ${error.line}: ${error.reason}`);
    print(`${report.total} rows: ${report.valid} valid, ${report.invalid} with errors`);
    if (options.dryRun) return report;
    if (report.invalid > 0 && !options.skipInvalid) throw new CliError('Nothing imported. Fix the rows above, or run again with --skip-invalid to import only the valid rows.');
    if (report.valid === 0) throw new CliError('Nothing to import.');
    const started = await api.request('POST', `/api/v1/people/imports?skipInvalid=${options.skipInvalid}&invite=${options.invite}`, bytes, 'text/csv');
    expectStatus(started, 202);
    const id = (started.body as ImportReport).id;
    // A bar on a terminal; in a log (not a TTY, where the bar draws nothing) a line per phase.
    const bar = process.stderr.isTTY ? new SingleBar({ format: 'Importing [{bar}] {percentage}% | {value}/{total} rows | {phase}', stream: process.stderr }, undefined) : null;
    bar?.start(report.valid, 0, { phase: 'staging' });
    let shownPhase = '';
    for (;;) {
      await sleep(250);
      const poll = await api.request('GET', `/api/v1/people/imports/${id}`);
      expectStatus(poll, 200);
      const p = poll.body as ImportProgress;
      const done = p.phase === 'staging' ? p.processed : p.total;
      bar?.update(done, { phase: p.phase });
      if (!bar && p.phase !== shownPhase) {
        shownPhase = p.phase;
        print(`Importing: ${p.phase}, ${done}/${report.valid} rows`);
      }
      if (p.status !== 'running') {
        bar?.stop();
        if (p.status !== 'completed') throw new CliError(`Import failed: ${p.message ?? p.status}. Nothing was imported.`);
        print(`Imported: ${p.created} created, ${p.updated} updated, ${p.invited} invitations queued.`);
        return p;
      }
    }
  });
}

/** `podium user add`: creates a person with roles. */
export async function addUser(config: Config, input: { email: string; name?: string; roles: string[]; invite: boolean }) {
  return withApi(config, async (api) => {
    const response = await api.request('POST', '/api/v1/people', {
      email: input.email,
      name: input.name ?? input.email.split('@')[0],
      roles: input.roles,
      invite: input.invite,
    });
    // 200: a returning colleague (an alumnus) got their own record back.
    expectStatus(response, 201, 200);
    return response.body as { id: string; email: string; roles: string[]; rehired?: boolean };
  });
}
