import type { TFunction } from 'i18next';
import { ApiError } from '../lib/api/problem';

/**
 * The message shown on a field for an API error: the privacy guard's refusal in the person's own
 * language (never repeating what they typed), a validation message, or nothing for other fields.
 */
export function fieldMessage(
  error: unknown,
  field: string,
  t: TFunction,
  language: string,
): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const matches = (error.problem.errors ?? []).filter(
    (entry) => entry.field === field || entry.field.startsWith(`${field}.`),
  );
  if (matches.length === 0) return undefined;
  if (error.code === 'personal_data') return t('errors.personalData');
  if (language === 'en') return matches.map((entry) => sentence(entry.message)).join(' ');
  return t('errors.invalidField');
}

/** A form-level message for an error that names no field shown on the form. */
export function formMessage(error: unknown, fields: string[], t: TFunction): string | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiError)) return t('errors.network');
  const named = (error.problem.errors ?? []).some((entry) =>
    fields.some((field) => entry.field === field || entry.field.startsWith(`${field}.`)),
  );
  if (named)
    return error.code === 'personal_data' ? t('errors.personalDataSummary') : t('errors.checkFields');
  return problemText(error, t);
}

export function problemText(error: ApiError, t: TFunction): string {
  const key = `problems.${error.code}`;
  const translated = t(key, { defaultValue: '' });
  if (translated) return translated;
  if (error.status === 401) return t('errors.signedOut');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 429) return t('errors.tooMany');
  if (error.status >= 500) return t('errors.server');
  return error.problem.detail ?? t('errors.generic');
}

function sentence(message: string): string {
  const text = message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
