import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { machineSecret, machineStateDir } from './machine-secret';

export type NodeEnv = 'development' | 'production' | 'test';

/** Raised when the environment cannot start Haven; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * The one validated configuration of Haven, read once at start-up by the apps, the CLI, the
 * migration CLI and the tests (DESIGN.md, "Running it"). Inject it by its class.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: NodeEnv = 'development';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/haven';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(/^(log:|smtps?:\/\/\S+)$/, { message: 'must be log: or an smtp:// URL' })
  MAIL_URL = 'log:';

  /**
   * Text messages: `smpp://user:pass@host:port` (SMPP 3.4), `log:` (development: logged with the
   * number redacted) or `off`. Unset in production means `off`; `log:` is refused there.
   */
  @Matches(/^(off|log:|smpp:\/\/[^\s:@/]+:[^\s@/]*@[^\s:/]+:\d{1,5}\/?)$/, {
    message: 'must be off, log: or an smpp://user:pass@host:port URL',
  })
  SMS_URL = 'log:';

  /** The sender of Haven's e-mail. */
  @Matches(/^[^\r\n]{3,200}$/, { message: 'must be an address such as Haven <no-reply@example.org>' })
  MAIL_FROM = 'Haven <no-reply@haven.invalid>';

  /** Where people open Haven in a browser: the links of account e-mails start with it. */
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http(s):// URL without query' })
  APP_URL = 'http://localhost:3000';

  /**
   * In development with MAIL_URL=log:, every e-mail is also written here as an .eml file, so the
   * person at the terminal can open account links; never in production, where log: is refused.
   */
  @Matches(/^[^\0\r\n]{1,500}$/, { message: 'must be a folder path' })
  MAIL_LOG_DIR = 'var/mail';

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(10, { message: 'must be at least 10' })
  RATE_LIMIT_PER_IP_PER_MINUTE = 120;

  /**
   * API processes on this machine, sharing PORT (node:cluster): the number of cores in production,
   * as one process uses one core. Only the API reads it; each process holds its own connections.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(64, { message: 'must be at most 64' })
  API_PROCESSES = 1;

  /**
   * The worker's CPU niceness (0 to 19, as `nice`): on a machine it shares with the API, a burst of
   * notifications then waits for the CPU the API's requests leave, instead of slowing them. Only
   * the worker reads it; 0 leaves the worker's priority as started.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(19, { message: 'must be at most 19' })
  WORKER_NICENESS = 10;

  /**
   * How many reverse proxies stand in front of the API (0: none). Behind one, set 1: the client
   * address for rate limits and logs is then read from X-Forwarded-For, as that proxy wrote it.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(5)
  TRUST_PROXY = 0;

  /** Comma-separated origins allowed by CORS; empty allows none (same-origin only). */
  @IsString()
  CORS_ORIGINS = '';

  /** Prefix of every Redis key Haven writes (queues, rate limits), so deployments and test suites can share a server. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, - or _' })
  REDIS_PREFIX = 'haven';

  /**
   * Seconds during which the refresh token just rotated out still works once more (a reload or a
   * second tab racing the refresh), giving another successor in its family instead of revoking it.
   * 0 turns the grace off: any second use revokes the family.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(300, { message: 'must be at most 300' })
  REFRESH_REUSE_GRACE_SECONDS = 30;

  /** Beneficiary counts below this leave their organisation as "<N" (small-cell suppression). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(2)
  @Max(100)
  SMALL_CELL_THRESHOLD = 5;

  /** The same for the health and psychosocial categories, where a small group is easier to single out. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(2)
  @Max(100)
  SMALL_CELL_THRESHOLD_SENSITIVE = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Accounts unused (no sign-in, no session refresh) this many days are anonymised (two years). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(60, { message: 'must be at least 60' })
  @Max(3650, { message: 'must be at most 3650' })
  ACCOUNT_INACTIVE_DAYS = 730;

  /** How many days before that the account's owner is warned (it must be shorter than the period). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(365, { message: 'must be at most 365' })
  ACCOUNT_INACTIVE_WARNING_DAYS = 30;

  /** Notifications (their bodies) and delivery errors older than this many days are deleted. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(7, { message: 'must be at least 7' })
  @Max(3650, { message: 'must be at most 3650' })
  NOTIFICATION_RETENTION_DAYS = 90;

  /**
   * The folder for this machine's development state: the signing key shared by every process
   * outside production, and the embedded PostgreSQL's data. Empty: the project's var/ folder.
   */
  @IsString()
  HAVEN_VAR_DIR = '';

  /**
   * The secret actually used to sign tokens: JWT_SECRET, or outside production the machine's own
   * key (HAVEN_VAR_DIR/jwt-secret), shared by every process and kept across restarts.
   */
  jwtSecret!: string;

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }

  /** The link of an account e-mail: APP_URL, a path and a token. */
  appLink(path: string, token: string): string {
    return `${this.APP_URL.replace(/\/+$/, '')}/${path}?token=${encodeURIComponent(token)}`;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

const KNOWN = new Set(Object.keys(new AppConfig()).concat('JWT_SECRET'));

/** Validates the environment; throws a ConfigError naming each variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: false }).map(
    (error) =>
      `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')} (got "${redact(error.property, error.value)}")`,
  );
  if (config.isProduction && !config.JWT_SECRET) {
    problems.push(
      'JWT_SECRET: is required when NODE_ENV=production (32+ random characters, e.g. from openssl rand -base64 48)',
    );
  }
  if (config.isProduction && raw.SMS_URL === undefined) config.SMS_URL = 'off';
  if (config.isProduction && config.SMS_URL === 'log:') {
    problems.push(
      'SMS_URL: must be an smpp:// URL or off when NODE_ENV=production (log: only writes texts to the log)',
    );
  }
  if (config.isProduction && config.MAIL_URL === 'log:') {
    problems.push(
      'MAIL_URL: must be an smtp:// URL when NODE_ENV=production (log: only writes mail to the log)',
    );
  }
  if (config.ACCOUNT_INACTIVE_WARNING_DAYS >= config.ACCOUNT_INACTIVE_DAYS) {
    problems.push('ACCOUNT_INACTIVE_WARNING_DAYS: must be shorter than ACCOUNT_INACTIVE_DAYS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (config.JWT_SECRET) {
    config.jwtSecret = config.JWT_SECRET;
  } else {
    try {
      config.jwtSecret = machineSecret(machineStateDir(config.HAVEN_VAR_DIR));
    } catch (error) {
      throw new ConfigError([
        `JWT_SECRET: not set, and this machine's development key could not be kept (${(error as Error).message}); set JWT_SECRET to 32+ random characters`,
      ]);
    }
  }
  return config;
}

function redact(property: string, value: unknown): string {
  if (/SECRET|URL/.test(property)) return '…';
  return String(value);
}
