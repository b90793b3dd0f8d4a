import { Command, Option } from 'commander';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { roles } from '../db/schema/people.ts';
import { DataDirLockedError, readControlInfo } from '../server/lock.ts';
import { serve } from '../server/serve.ts';
import { createToken, demo, privacy } from './admin-commands.ts';
import { CliError } from './api-client.ts';
import { runDoctor } from './doctor.ts';
import { addUser, importPeople } from './people-commands.ts';

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
  .action(async (options: { demo?: boolean }) => serve(config(), options));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const cfg = config();
    const control = cfg.engine === 'pglite' ? readControlInfo(cfg.dataDir) : null;
    if (control) return out(`The running server (pid ${control.pid}) applied the migrations at its start.`);
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
    try {
      await database.migrate();
      out('Migrations applied.');
    } finally {
      await database.close();
    }
  });

program
  .command('doctor')
  .description('check configuration, database, migrations, mail and the end-to-end browser')
  .action(async () => {
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
    const person = await addUser(config(), { email: options.email, name: options.name, roles: options.role, invite: options.invite });
    out(`${person.email} added (${person.roles.join(', ')}), id ${person.id}`);
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
    const result = await importPeople(config(), file, options);
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
    out(await createToken(config(), { name: options.name, role: options.role, personEmail: options.person }));
  });

const privacyCommand = program.command('privacy').description('personal data: export and erasure');
privacyCommand
  .command('export')
  .description('print everything Podium holds about a person, as JSON')
  .requiredOption('--email <email>', 'the person’s e-mail address')
  .action(async (options: { email: string }) => out(JSON.stringify(await privacy(config(), 'export', options.email), null, 2)));
privacyCommand
  .command('erase')
  .description('erase a person everywhere (anonymised; their shared links keep working)')
  .requiredOption('--email <email>', 'the person’s e-mail address')
  .action(async (options: { email: string }) => {
    await privacy(config(), 'erase', options.email);
    out(`${options.email} erased.`);
  });

program
  .command('demo')
  .description('fill an empty database with a realistic demo organisation')
  .action(async () => {
    const added = await demo(config());
    out(`Demo organisation added: ${added.people} people in ${added.groups} groups.`);
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
