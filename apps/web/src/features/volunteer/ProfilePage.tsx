import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, FormError, TextArea, TextField } from '../../components/form';
import { Loaded, Page } from '../../components/states';
import { languageName, weekdayName } from '../../lib/format';
import type { Availability, VolunteerProfile } from '../../lib/api/types';
import { useCamps, useProfile, useSaveProfile } from './api';

const PERIODS = [
  { key: 'morning', from: '08:00', to: '12:00' },
  { key: 'afternoon', from: '12:00', to: '17:00' },
  { key: 'evening', from: '17:00', to: '21:00' },
] as const;
const COMMON_LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'fr', 'de', 'fa', 'tr', 'bn'];
const WEEK = [6, 0, 1, 2, 3, 4, 5];

const slotKey = (weekday: number, period: number) => `${weekday}:${period}`;

/** Which grid cells an availability list covers. */
export function slotsFrom(availability: Availability[]): Set<string> {
  const slots = new Set<string>();
  for (const range of availability)
    PERIODS.forEach((period, index) => {
      if (range.from <= period.from && range.to >= period.to) slots.add(slotKey(range.weekday, index));
    });
  return slots;
}

/** The grid's cells as availability ranges, neighbouring cells of a day joined into one. */
export function availabilityFrom(slots: Set<string>): Availability[] {
  const ranges: Availability[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    let open: Availability | null = null;
    PERIODS.forEach((period, index) => {
      if (slots.has(slotKey(weekday, index))) {
        if (open && open.to === period.from) open.to = period.to;
        else {
          open = { weekday, from: period.from, to: period.to };
          ranges.push(open);
        }
      } else open = null;
    });
  }
  return ranges;
}

function AvailabilityGrid({ slots, onToggle }: { slots: Set<string>; onToggle: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="week">
        <caption className="visually-hidden">{t('profile.availability')}</caption>
        <thead>
          <tr>
            <td />
            {PERIODS.map((period) => (
              <th key={period.key} scope="col">
                {t(`profile.periods.${period.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEK.map((weekday) => (
            <tr key={weekday}>
              <th scope="row">{weekdayName(weekday, i18n.language)}</th>
              {PERIODS.map((period, index) => {
                const key = slotKey(weekday, index);
                const on = slots.has(key);
                return (
                  <td key={period.key}>
                    <button
                      type="button"
                      className="slot"
                      aria-pressed={on}
                      aria-label={t('profile.slotLabel', {
                        day: weekdayName(weekday, i18n.language, 'long'),
                        period: t(`profile.periods.${period.key}`),
                      })}
                      onClick={() => onToggle(key)}
                    >
                      {on ? '✓' : ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProfileForm({ profile }: { profile: VolunteerProfile }) {
  const { t, i18n } = useTranslation();
  const save = useSaveProfile();
  const camps = useCamps();
  const [slots, setSlots] = useState(() => slotsFrom(profile.availability));
  const otherLanguages = profile.languages.filter((language) => !COMMON_LANGUAGES.includes(language));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const split = (value: FormDataEntryValue | null) =>
      String(value ?? '')
        .split(/[,،]/)
        .map((entry) => entry.trim())
        .filter(Boolean);
    const bio = String(data.get('bio') ?? '').trim();
    save.mutate({
      skills: split(data.get('skills')),
      languages: [...data.getAll('languages').map(String), ...split(data.get('otherLanguages'))],
      availability: availabilityFrom(slots),
      remote: data.get('remote') === 'on',
      campIds: data.getAll('campIds').map(String),
      bio: bio || null,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormError
        error={save.error}
        fields={['skills', 'languages', 'availability', 'campIds', 'bio', 'remote']}
      />
      <section className="card">
        <TextField
          label={t('profile.skills')}
          hint={t('profile.skillsHint')}
          name="skills"
          defaultValue={profile.skills.join(', ')}
          error={save.error}
        />
        <fieldset className="field">
          <legend>{t('profile.languages')}</legend>
          <div className="grid-2">
            {COMMON_LANGUAGES.map((language) => (
              <Check
                key={language}
                name="languages"
                value={language}
                label={languageName(language, i18n.language)}
                defaultChecked={profile.languages.includes(language)}
              />
            ))}
          </div>
        </fieldset>
        <TextField
          label={t('profile.otherLanguages')}
          hint={t('profile.otherLanguagesHint')}
          name="otherLanguages"
          defaultValue={otherLanguages.join(', ')}
          error={save.error}
        />
      </section>
      <section className="card">
        <h2>{t('profile.availability')}</h2>
        <p className="meta">{t('profile.availabilityHint')}</p>
        <AvailabilityGrid
          slots={slots}
          onToggle={(key) =>
            setSlots((current) => {
              const next = new Set(current);
              if (next.has(key)) next.delete(key);
              else next.add(key);
              return next;
            })
          }
        />
      </section>
      <section className="card">
        <fieldset className="field">
          <legend>{t('profile.camps')}</legend>
          {camps.data?.items.map((camp) => (
            <Check
              key={camp.id}
              name="campIds"
              value={camp.id}
              label={`${camp.name} (${camp.region})`}
              defaultChecked={profile.campIds.includes(camp.id)}
            />
          ))}
        </fieldset>
        <Check name="remote" label={t('profile.remote')} defaultChecked={profile.remote} />
        <TextArea
          label={t('profile.bio')}
          hint={t('profile.bioHint')}
          name="bio"
          defaultValue={profile.bio ?? ''}
          maxLength={2000}
          error={save.error}
        />
      </section>
      <button className="button block" type="submit" disabled={save.isPending}>
        {t('profile.save')}
      </button>
      {save.isSuccess && (
        <p className="banner ok" role="status">
          {t('profile.saved')}
        </p>
      )}
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <Page title={t('profile.title')}>
      <p>{t('profile.intro')}</p>
      <Loaded query={profile}>{(data) => <ProfileForm profile={data} />}</Loaded>
    </Page>
  );
}
