import { useId, useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Check, FormError, SelectField, TextField } from '../../components/form';
import type { Preferences } from '../../lib/api/types';
import { preferencesFrom } from './phone';

/**
 * How Haven tells the person: e-mail, in the app, the digest, and for volunteers texts (only with
 * a verified phone) with quiet hours when texts wait.
 */
export function PreferencesForm({
  current,
  showSms,
  phoneVerified,
  save,
}: {
  current: Preferences;
  showSms: boolean;
  phoneVerified: boolean;
  save: Pick<
    UseMutationResult<Preferences, Error, Preferences>,
    'mutate' | 'error' | 'isPending' | 'isSuccess'
  >;
}) {
  const { t } = useTranslation();
  const [quiet, setQuiet] = useState(current.quietHours !== null);
  const smsHint = useId();
  return (
    <form
      className="card"
      aria-labelledby="preferences-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(preferencesFrom(new FormData(event.currentTarget), current, showSms));
      }}
    >
      <h2 id="preferences-title">{t('notifications.howTitle')}</h2>
      <FormError error={save.error} fields={['email', 'inApp', 'sms', 'digest', 'quietHours']} />
      <Check label={t('notifications.byEmail')} name="email" defaultChecked={current.email} />
      <Check label={t('notifications.inApp')} name="inApp" defaultChecked={current.inApp} />
      {showSms && (
        <>
          <Check
            label={t('notifications.bySms')}
            name="sms"
            defaultChecked={current.sms && phoneVerified}
            disabled={!phoneVerified}
            aria-describedby={phoneVerified ? undefined : smsHint}
          />
          {!phoneVerified && (
            <p className="hint indent" id={smsHint}>
              {t('notifications.smsNeedsPhone')}
            </p>
          )}
          <fieldset className="quiet-hours">
            <legend>{t('notifications.quietHours')}</legend>
            <Check
              label={t('notifications.quietHoursOn')}
              name="quiet"
              checked={quiet}
              onChange={(event) => setQuiet(event.target.checked)}
            />
            {quiet && (
              <>
                <p className="hint">{t('notifications.quietHint')}</p>
                <div className="time-pair">
                  <TextField
                    label={t('notifications.quietFrom')}
                    name="quietHours.from"
                    type="time"
                    required
                    defaultValue={current.quietHours?.from ?? '21:00'}
                    error={save.error}
                  />
                  <TextField
                    label={t('notifications.quietTo')}
                    name="quietHours.to"
                    type="time"
                    required
                    defaultValue={current.quietHours?.to ?? '07:00'}
                    error={save.error}
                  />
                </div>
              </>
            )}
          </fieldset>
        </>
      )}
      <SelectField
        label={t('notifications.digest')}
        name="digest"
        defaultValue={current.digest}
        error={save.error}
      >
        {(['off', 'daily', 'weekly'] as const).map((value) => (
          <option key={value} value={value}>
            {t(`notifications.digestOptions.${value}`)}
          </option>
        ))}
      </SelectField>
      <button className="button" type="submit" disabled={save.isPending}>
        {t('common.save')}
      </button>
      {save.isSuccess && (
        <p className="banner ok" role="status">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
}
