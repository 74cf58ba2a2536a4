import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, FormError, SelectField, TextArea, TextField } from '../../components/form';
import { isoToWallTime, wallTimeToIso, zoneCity } from '../../lib/format';
import type { Task } from '../../lib/api/types';

const TASK_FIELDS = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'capacity',
  'skills',
  'languages',
  'remote',
  'signupMode',
  'requiresSafeguarding',
];

const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[,،]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** Create or edit a task; times are entered on the camp's clock. */
export function TaskForm({
  task,
  timeZone,
  error,
  pending,
  onSubmit,
  submitLabel,
}: {
  task?: Task;
  timeZone: string;
  error: unknown;
  pending: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [localError, setLocalError] = useState<{ endsAt?: string }>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const startsAt = String(data.get('startsAt') ?? '');
    const endsAt = String(data.get('endsAt') ?? '');
    if (startsAt && endsAt && endsAt <= startsAt) {
      setLocalError({ endsAt: t('coord.endsAfterStart') });
      return;
    }
    setLocalError({});
    const body: Record<string, unknown> = {
      title: String(data.get('title') ?? ''),
      description: String(data.get('description') ?? ''),
      startsAt: startsAt ? wallTimeToIso(startsAt, timeZone) : '',
      endsAt: endsAt ? wallTimeToIso(endsAt, timeZone) : '',
      capacity: Number(data.get('capacity')),
      skills: list(data.get('skills')),
      languages: list(data.get('languages')),
      remote: data.get('remote') === 'on',
      signupMode: String(data.get('signupMode')),
    };
    if (!task || task.confirmed === 0 || task.requiresSafeguarding)
      body.requiresSafeguarding = data.get('requiresSafeguarding') === 'on';
    onSubmit(body);
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={error} fields={TASK_FIELDS} />
      <TextField
        label={t('coord.taskTitle')}
        name="title"
        defaultValue={task?.title}
        required
        maxLength={200}
        error={error}
      />
      <TextArea
        label={t('coord.taskDescription')}
        hint={t('coord.descriptionHint')}
        name="description"
        defaultValue={task?.description}
        required
        error={error}
      />
      <p className="meta">{t('coord.timesIn', { place: zoneCity(timeZone) })}</p>
      <div className="grid-2">
        <TextField
          label={t('coord.startsAt')}
          name="startsAt"
          type="datetime-local"
          defaultValue={task ? isoToWallTime(task.startsAt, timeZone) : undefined}
          required
          error={error}
        />
        <TextField
          label={t('coord.endsAt')}
          name="endsAt"
          type="datetime-local"
          defaultValue={task ? isoToWallTime(task.endsAt, timeZone) : undefined}
          required
          error={error}
          localError={localError.endsAt}
        />
      </div>
      <TextField
        label={t('coord.capacity')}
        name="capacity"
        type="number"
        min={1}
        max={1000}
        defaultValue={task?.capacity ?? 5}
        required
        error={error}
      />
      <TextField
        label={t('coord.skills')}
        hint={t('coord.skillsHint')}
        name="skills"
        defaultValue={task?.skills.join(', ')}
        error={error}
      />
      <TextField
        label={t('coord.languages')}
        hint={t('coord.languagesHint')}
        name="languages"
        defaultValue={task?.languages.join(', ')}
        error={error}
      />
      <SelectField
        label={t('coord.signupMode')}
        name="signupMode"
        defaultValue={task?.signupMode ?? 'open'}
        error={error}
      >
        <option value="open">{t('coord.modeOpen')}</option>
        <option value="review">{t('coord.modeReview')}</option>
      </SelectField>
      <Check name="remote" label={t('coord.remote')} defaultChecked={task?.remote} />
      <Check
        name="requiresSafeguarding"
        label={t('coord.requiresSafeguarding')}
        defaultChecked={task?.requiresSafeguarding}
      />
      <button className="button" type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
