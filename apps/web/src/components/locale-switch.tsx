import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../lib/api/client';
import { useAuth } from '../lib/auth';
import { changeLocale, isLocale, LOCALES } from '../lib/i18n';

/** The language, for this device at once and for the account's messages when signed in. */
export function LocaleSwitch({ id, className = 'locale-select' }: { id?: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const { status } = useAuth();
  return (
    <select
      id={id}
      className={className}
      aria-label={id ? undefined : t('common.language')}
      value={i18n.language}
      onChange={(event) => {
        const locale = event.target.value;
        if (!isLocale(locale)) return;
        void changeLocale(locale);
        if (status === 'signedIn')
          void unwrap(api.PATCH('/api/v1/me', { body: { locale } })).catch(() => undefined);
      }}
    >
      {LOCALES.map((locale) => (
        <option key={locale.code} value={locale.code} lang={locale.code}>
          {locale.name}
        </option>
      ))}
    </select>
  );
}
