import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, TextField, formValues } from '../../components/form';
import { ApiError } from '../../lib/api/problem';
import { useAuth, useMe } from '../../lib/auth';
import { usePhoneActions } from './api';
import { codeInput, phoneInput, phoneStep } from './phone';

/** libphonenumber's example mobile number for Iraq: fictional. */
const EXAMPLE = '+964 791 234 5678';

/** True when a problem+json error names this field. */
const names = (error: unknown, field: string) =>
  error instanceof ApiError && (error.problem.errors ?? []).some((entry) => entry.field === field);

/**
 * A volunteer's phone for texts, in three steps: enter the number (the server parses it), enter
 * the 6-digit code it received, then see the confirmed number, change or remove it.
 */
export function PhoneSection() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { reload } = useAuth();
  const { set, verify, remove } = usePhoneActions(reload);
  const [changing, setChanging] = useState(false);
  const [codeError, setCodeError] = useState<string>();
  const [resent, setResent] = useState(false);
  const step = phoneStep(me.phone, changing);
  // The server's words in English; the same meaning in the reader's language otherwise.
  const translated = (error: unknown, field: string, key: string) =>
    i18n.language !== 'en' && names(error, field) ? t(key) : undefined;

  return (
    <section className="card" aria-labelledby="phone-title" id="phone">
      <h2 id="phone-title">{t('phone.title')}</h2>
      <p>{t('phone.intro')}</p>

      {step === 'number' && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            set.mutate(phoneInput(formValues(event.currentTarget).phone ?? ''), {
              onSuccess: () => {
                setChanging(false);
                setResent(false);
              },
            });
          }}
        >
          <FormError error={set.error} fields={['phone']} />
          <TextField
            label={t('phone.number')}
            hint={
              <>
                {t('phone.numberHint')}{' '}
                <bdi dir="ltr" className="nowrap">
                  {EXAMPLE}
                </bdi>
              </>
            }
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            dir="ltr"
            className="ltr-field"
            maxLength={30}
            required
            defaultValue={changing ? '' : me.phone?.number}
            error={set.error}
            localError={translated(set.error, 'phone', 'phone.numberInvalid')}
          />
          <div className="actions">
            <button className="button" type="submit" disabled={set.isPending}>
              {set.isPending ? t('phone.sending') : t('phone.sendCode')}
            </button>
            {changing && (
              <button type="button" className="button link" onClick={() => setChanging(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}

      {step === 'code' && me.phone && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const code = codeInput(formValues(event.currentTarget).code ?? '');
            setCodeError(code ? undefined : t('phone.codeShort'));
            if (code) verify.mutate(code);
          }}
        >
          <p className="meta">{t('phone.codeSentTo')}</p>
          <p className="phone-number">
            <bdi dir="ltr">{me.phone.number}</bdi>
          </p>
          <FormError error={verify.error} fields={['code']} />
          <TextField
            label={t('phone.code')}
            hint={t('phone.codeHint')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            dir="ltr"
            className="ltr-field code-field"
            maxLength={12}
            required
            error={verify.error}
            localError={codeError ?? translated(verify.error, 'code', 'phone.codeWrong')}
          />
          <button className="button" type="submit" disabled={verify.isPending}>
            {t('phone.confirm')}
          </button>
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              disabled={set.isPending}
              onClick={() => set.mutate(me.phone!.number, { onSuccess: () => setResent(true) })}
            >
              {t('phone.resend')}
            </button>
            <button type="button" className="button link" onClick={() => setChanging(true)}>
              {t('phone.otherNumber')}
            </button>
          </div>
          <FormError error={set.error} fields={[]} />
          {resent && (
            <p className="banner ok" role="status">
              {t('phone.resent')}
            </p>
          )}
        </form>
      )}

      {step === 'verified' && me.phone && (
        <div>
          <p className="meta">{t('phone.verifiedTo')}</p>
          <p className="phone-number">
            <bdi dir="ltr">{me.phone.number}</bdi>{' '}
            <span className="status approved">{t('phone.verified')}</span>
          </p>
          <FormError error={remove.error} fields={[]} />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setChanging(true)}>
              {t('phone.change')}
            </button>
            <button
              type="button"
              className="button danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('phone.remove')}
            </button>
          </div>
        </div>
      )}
      {remove.isSuccess && !me.phone && (
        <p className="banner ok" role="status">
          {t('phone.removed')}
        </p>
      )}
    </section>
  );
}
