import { Command, Option } from 'commander';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import type { Role } from '../db/schema/people.ts';
import { DataDirLockedError, acquireDataDirLock, readControlInfo } from '../server/lock.ts';
import { CliError } from './api-client.ts';

// The commands load the application (database driver, Drizzle schema, Fastify) only when they
// run: `--help`, and commands that go through a running server, start in a fraction of the time.
const serveCommand = () => import('../server/serve.ts');
const adminCommands = () => import('./admin-commands.ts');
const peopleCommands = () => import('./people-commands.ts');

/** The roles (src/db/schema/people.ts `roles`, kept here so that parsing the command line needs no schema). */
const roles = ['admin', 'editor', 'recruiter', 'ambassador'] as const satisfies readonly Role[];
const allRoles: [Exclude<Role, (typeof roles)[number]>] extends [never] ? true : false = true;
void allRoles;

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const err = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

function config(): Config {
  loadDotEnv();
  return loadConfig(process.env);
}

const program = new Command('podium')
  .description('Podium — employee advocacy: give your own people the stage.')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });

program
  .command('serve')
  .description('start the web server (migrates the database first unless PODIUM_SKIP_MIGRATIONS=1)')
  .option('--demo', 'fill an empty database with the demo organisation first')
  .action(async (options: { demo?: boolean }) => {
    const cfg = config();
    const { serve } = await serveCommand();
    try {
      await serve(cfg, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CliError(`PORT: ${cfg.host}:${cfg.port} is already in use (another Podium, or another program). Stop it, or choose another PORT.`);
      }
      throw error;
    }
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const cfg = config();
    const control = cfg.engine === 'pglite' ? readControlInfo(cfg.dataDir) : null;
    if (control) return out(`The running server (pid ${control.pid}) applied the migrations at its start.`);
    // The embedded database allows one process, so migrate takes the lock like every other opener.
    const release = cfg.engine === 'pglite' ? acquireDataDirLock(cfg.dataDir) : () => {};
    try {
      const { openDatabase } = await import('../db/client.ts');
      const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      try {
        await database.migrate();
        out('Migrations applied.');
      } finally {
        await database.close();
      }
    } finally {
      release();
    }
  });

program
  .command('doctor')
  .description('check configuration, database, migrations, mail and the end-to-end browser')
  .action(async () => {
    const { runDoctor } = await import('./doctor.ts');
    const checks = await runDoctor(config());
    for (const check of checks) out(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  });

const user = program.command('user').description('manage people from the command line');
user
  .command('add')
  .description('add a person with one or more roles')
  .requiredOption('--email <email>', 'work e-mail address')
  .option('--name <name>', 'full name (default: the part before @)')
  .addOption(new Option('--role <role...>', 'role(s)').choices([...roles]).default(['ambassador']))
  .option('--invite', 'send an invitation e-mail', false)
  .action(async (options: { email: string; name?: string; role: string[]; invite: boolean }) => {
    const person = await (await peopleCommands()).addUser(config(), { email: options.email, name: options.name, roles: options.role, invite: options.invite });
    out(`${person.email} ${person.rehired ? 'taken back (a returning alumnus)' : 'added'} (${person.roles.join(', ')}), id ${person.id}`);
  });

const people = program.command('people').description('people and groups');
people
  .command('import')
  .description('import employees from a CSV file (comma or semicolon, UTF-8 or Windows-1252, up to 50,000 rows)')
  .argument('<file>', 'CSV file with at least e-mail and name columns')
  .option('--dry-run', 'only validate and report bad rows', false)
  .option('--skip-invalid', 'import the valid rows even if some rows are bad', false)
  .option('--no-invite', 'do not send invitation e-mails to new people')
  .action(async (file: string, options: { dryRun: boolean; skipInvalid: boolean; invite: boolean }) => {
    const result = await (await peopleCommands()).importPeople(config(), file, options);
    if (options.dryRun && 'invalid' in result && result.invalid > 0) process.exitCode = 2;
  });

const token = program.command('token').description('API tokens for integrations');
token
  .command('create')
  .description('create an API token; prints only the token')
  .requiredOption('--name <name>', 'what the token is for')
  .addOption(new Option('--role <role>', 'the role it acts with').choices([...roles]).makeOptionMandatory())
  .option('--person <email>', 'act for this person (their profile and shares)')
  .action(async (options: { name: string; role: string; person?: string }) => {
    out(await (await adminCommands()).createToken(config(), { name: options.name, role: options.role, personEmail: options.person }));
  });

const privacyCommand = program.command('privacy').description('personal data: export and erasure');
privacyCommand
  .command('export')
  .description('print everything Podium holds about a person, as JSON')
  .requiredOption('--email <email>', 'the person’s e-mail address')
  .option('--output <file>', 'write the JSON to this file (readable by its owner only) instead of printing it')
  .action(async (options: { email: string; output?: string }) => {
    const json = JSON.stringify(await (await adminCommands()).privacy(config(), 'export', options.email), null, 2);
    if (!options.output) return out(json);
    await (await import('./privacy-commands.ts')).writePrivateFile(options.output, `${json}\n`);
    out(`Everything Podium holds about ${options.email} is in ${options.output}.`);
  });
privacyCommand
  .command('erase')
  .description('erase a person everywhere (anonymised; their shared links keep working)')
  .requiredOption('--email <email>', 'the person’s e-mail address')
  .option('--yes', 'do not ask for confirmation on a terminal', false)
  .action(async (options: { email: string; yes: boolean }) => {
    if (!options.yes && !(await (await import('./privacy-commands.ts')).confirmErasure(options.email))) throw new CliError('Nothing erased.');
    await (await adminCommands()).privacy(config(), 'erase', options.email);
    out(`${options.email} erased.`);
  });
privacyCommand
  .command('retention')
  .description('show how long Podium keeps raw clicks, the outbox, the audit log and other expiring data; --set changes it')
  .option('--set <key=days...>', 'e.g. links.clicks=180 mail.outbox=30 (days 1–3650; key=default restores the default)')
  .action(async (options: { set?: string[] }) => {
    const periods = await (await import('./privacy-commands.ts')).retention(config(), options.set ?? []);
    for (const period of periods) out(`${period.key.padEnd(36)} ${String(period.days).padStart(5)} days${period.days === period.defaultDays ? '' : ` (default ${period.defaultDays})`}`);
  });

program
  .command('backup')
  .description('back up the embedded database and uploaded images into one file, also while Podium runs (PostgreSQL: use pg_dump)')
  .argument('[file]', 'where to write it (default: podium-backup-<time>.tar.gz in the current folder)')
  .option('--force', 'overwrite the file if it exists', false)
  .action(async (file: string | undefined, options: { force: boolean }) => {
    const written = await (await import('./backup.ts')).backup(config(), file, options);
    out(`Backup written to ${written.file} (${(written.bytes / 1024 / 1024).toFixed(1)} MB).`);
  });

program
  .command('restore')
  .description('restore a backup made by `podium backup` into the data directory (stop Podium first)')
  .argument('<file>', 'the backup file')
  .option('--force', 'replace the database that is there (it is kept aside, not deleted)', false)
  .action(async (file: string, options: { force: boolean }) => {
    const restored = await (await import('./backup.ts')).restore(config(), file, options);
    const key = restored.secretKey === 'environment' ? ' Start it with the same PODIUM_SECRET_KEY as the Podium that made the backup.' : '';
    out(`Restored the backup of ${restored.createdAt} with ${restored.uploads} uploaded files.${restored.keptAside ? ` The data that was there is kept in ${restored.keptAside}.` : ''} Start Podium with \`podium serve\`.${key}`);
  });

program
  .command('demo')
  .description('fill an empty database with a realistic demo organisation')
  .action(async () => {
    // One request that takes a few seconds (half a minute on a slow disk): say what is happening.
    err('Adding the demo organisation with six months of shares, clicks and conversions, its vacancies, personas and nudges…');
    const added = await (await adminCommands()).demo(config());
    out(`Demo organisation added: ${added.people} people in ${added.groups} groups, ${added.shares} shares, ${added.clicks} clicks, ${added.conversions} conversions, ${added.vacancies} open vacancies, ${added.assessments} self-assessments and ${added.nudges} nudges.`);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof CliError || error instanceof DataDirLockedError) {
    err(`podium: ${error.message}`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  throw error;
}
