import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { ConfigError, loadConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { passwordProblem, UsersService } from '@haven/identity';
import { CliModule } from './cli.module';
import { launch, LaunchError } from './launcher/launcher';
import { seedDemo } from './seed-demo';

const program = new Command('haven').description("Haven's operator commands").showHelpAfterError();

program
  .command('migrate')
  .description('create the database if it does not exist and apply pending migrations')
  .action(async () => {
    const applied = await prepareDatabase(loadConfig(), migrations);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  });

program
  .command('start')
  .description(
    'run Haven (API and worker) after the migrations; starts an embedded PostgreSQL and a local ' +
      'redis-server when the default URLs answer nothing, and stops them on exit',
  )
  .action(async () => {
    process.exit(await launch());
  });

program
  .command('create-admin')
  .description('create a platform admin (does nothing if the e-mail is taken)')
  .requiredOption('--email <email>', 'the admin e-mail')
  .requiredOption('--password <password>', 'at least 12 characters, not a common password')
  .option('--name <displayName>', 'display name', 'Platform admin')
  .action(async (options: { email: string; password: string; name: string }) => {
    const problem = passwordProblem(options.password);
    if (problem) throw new UsageError(`--password ${problem}`);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
      throw new UsageError('--email must be an e-mail address');
    const config = loadConfig();
    await prepareDatabase(config, migrations);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
    try {
      const result = await app.get(UsersService).createAdmin(options.email, options.password, options.name);
      console.log(
        result.created
          ? `Created admin ${result.user.email} (${result.user.id}). Sign in at POST /api/v1/auth/login.`
          : `A user with e-mail ${result.user.email} already exists (role: ${result.user.role}); nothing changed.`,
      );
    } finally {
      await app.close();
    }
  });

program
  .command('seed-demo')
  .description('load a fictional demo data set (does nothing if it is already there)')
  .action(async () => {
    const config = loadConfig();
    await prepareDatabase(config, migrations);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
    try {
      console.log((await seedDemo(app)).summary);
    } finally {
      await app.close();
    }
  });

class UsageError extends Error {}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError || error instanceof LaunchError)
    console.error(error.message);
  else console.error('Failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
