import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError, TextField } from '../../components/form';
import { Empty, ErrorState, Loaded, Page, Status } from '../../components/states';
import { TimeTwice } from '../../components/time';
import { api, unwrap, type Body } from '../../lib/api/client';
import type { Clearance, Task, TaskSignup } from '../../lib/api/types';
import { useMe } from '../../lib/auth';
import { formatDate, languageName } from '../../lib/format';
import { useAction, useClearances, useTaskSignups } from './api';
import { TaskForm } from './TaskForm';

function SafeguardingState({
  signup,
  clearances,
  organizationId,
}: {
  signup: TaskSignup;
  clearances: Clearance[];
  organizationId: string;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [validUntil, setValidUntil] = useState('');
  const record = useAction(
    () =>
      unwrap(
        api.POST('/api/v1/organizations/{id}/safeguarding-clearances', {
          params: { path: { id: organizationId } },
          body: { volunteerId: signup.volunteer.id, validUntil },
        }),
      ),
    ['clearances', 'task'],
  );
  const valid = clearances.find(
    (clearance) =>
      clearance.volunteerId === signup.volunteer.id &&
      !clearance.revokedAt &&
      new Date(clearance.validUntil) > new Date(),
  );
  if (valid)
    return (
      <Status
        value="approved"
        label={t('coord.clearedUntil', { date: formatDate(valid.validUntil, i18n.language) })}
      />
    );
  return (
    <span>
      <Status value="pending" label={t('coord.noClearance')} />{' '}
      {!open ? (
        <button type="button" className="button link" onClick={() => setOpen(true)}>
          {t('coord.recordClearance')}
        </button>
      ) : (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate(undefined, { onSuccess: () => setOpen(false) });
          }}
        >
          <FormError error={record.error} fields={['validUntil']} />
          <TextField
            label={t('coord.validUntil')}
            name="validUntil"
            type="date"
            value={validUntil}
            onChange={(event) => setValidUntil(event.target.value)}
            required
            error={record.error}
          />
          <button type="submit" className="button secondary">
            {t('common.save')}
          </button>
        </form>
      )}
    </span>
  );
}

function Attendance({ signup }: { signup: TaskSignup }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(signup.hours === null ? '' : String(signup.hours));
  const record = useAction(
    (status: 'attended' | 'no_show') =>
      unwrap(
        api.POST('/api/v1/signups/{id}/attendance', {
          params: { path: { id: signup.id } },
          body: status === 'attended' && hours ? { status, hours: Number(hours) } : { status },
        }),
      ),
    ['task', 'org-tasks'],
  );
  return (
    <div>
      <FormError error={record.error} fields={['hours']} />
      <div className="row">
        <label className="visually-hidden" htmlFor={`hours-${signup.id}`}>
          {t('coord.hoursFor', { name: signup.volunteer.displayName })}
        </label>
        <input
          id={`hours-${signup.id}`}
          type="number"
          min={0}
          step={0.5}
          placeholder={t('coord.hours')}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          style={{ inlineSize: '6.5rem' }}
        />
        <button
          type="button"
          className="button"
          onClick={() => record.mutate('attended')}
          aria-label={t('coord.markAttendedFor', { name: signup.volunteer.displayName })}
        >
          {t('coord.attended')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => record.mutate('no_show')}
          aria-label={t('coord.markNoShowFor', { name: signup.volunteer.displayName })}
        >
          {t('coord.noShow')}
        </button>
      </div>
    </div>
  );
}

function Signups({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const signups = useTaskSignups(task.id);
  const clearances = useClearances(task.organizationId);
  const decide = useAction(
    ({ id, action }: { id: string; action: 'approve' | 'decline' }) =>
      action === 'approve'
        ? unwrap(api.POST('/api/v1/signups/{id}/approve', { params: { path: { id } }, body: {} }))
        : unwrap(api.POST('/api/v1/signups/{id}/decline', { params: { path: { id } }, body: {} })),
    ['task', 'org-tasks'],
  );
  const started = new Date(task.startsAt) <= new Date();
  return (
    <section className="card" aria-labelledby="signups">
      <h2 id="signups">{t('coord.signups')}</h2>
      {decide.error && <ErrorState error={decide.error} />}
      <Loaded query={signups}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('coord.noSignups')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((signup) => (
                <li key={signup.id} className="card" style={{ background: 'var(--bg)' }}>
                  <div className="spread">
                    <h3>{signup.volunteer.displayName}</h3>
                    <Status value={signup.status} label={t(`coord.signupStatus.${signup.status}`)} />
                  </div>
                  <p className="meta">
                    {[
                      ...signup.volunteer.skills,
                      ...signup.volunteer.languages.map((language) => languageName(language, i18n.language)),
                    ].join(' · ')}
                  </p>
                  {signup.noShowsLast12Months > 0 && (
                    <p className="meta">{t('coord.noShows', { count: signup.noShowsLast12Months })}</p>
                  )}
                  {task.requiresSafeguarding && (
                    <p>
                      <SafeguardingState
                        signup={signup}
                        clearances={clearances.data?.items ?? []}
                        organizationId={task.organizationId}
                      />
                    </p>
                  )}
                  {signup.status === 'pending' && (
                    <div className="actions">
                      <button
                        type="button"
                        className="button"
                        onClick={() => decide.mutate({ id: signup.id, action: 'approve' })}
                        aria-label={t('coord.approveFor', { name: signup.volunteer.displayName })}
                      >
                        {t('coord.approve')}
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => decide.mutate({ id: signup.id, action: 'decline' })}
                        aria-label={t('coord.declineFor', { name: signup.volunteer.displayName })}
                      >
                        {t('coord.decline')}
                      </button>
                    </div>
                  )}
                  {started && ['confirmed', 'attended', 'no_show'].includes(signup.status) && (
                    <Attendance signup={signup} />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function TaskManagePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const task = useQuery({
    queryKey: ['task', id],
    queryFn: () => unwrap<Task>(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });
  const update = useAction(
    (body: Record<string, unknown>) =>
      unwrap(
        api.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body: body as Body<'UpdateTaskDto'> }),
      ),
    ['task', 'org-tasks'],
  );
  const started = task.data ? new Date(task.data.startsAt) <= new Date() : false;
  const cancel = useAction(
    () =>
      unwrap(
        api.POST('/api/v1/tasks/{id}/cancel', { params: { path: { id } }, body: reason ? { reason } : {} }),
      ),
    ['task', 'org-tasks'],
  );
  return (
    <Loaded query={task}>
      {(data) => (
        <Page title={data.title}>
          <div className="card">
            <p>
              <TimeTwice
                startsAt={data.startsAt}
                endsAt={data.endsAt}
                timeZone={data.timezone}
                place={data.campName}
              />
            </p>
            <p>
              {t('coord.taskFigures', {
                confirmed: data.confirmed,
                capacity: data.capacity,
                waitlisted: data.waitlisted,
              })}
            </p>
            <p>
              <Status
                value={data.status}
                label={t(`taskStatus.${data.status}`, { defaultValue: data.status })}
              />{' '}
              <Link to={`/org/needs/${data.needId}`}>{t('coord.backToNeed')}</Link>
            </p>
          </div>
          <Signups task={data} />
          {data.status === 'open' && !started && me.organization?.id === data.organizationId && (
            <>
              <details
                className="card"
                open={editing}
                onToggle={(event) => setEditing((event.target as HTMLDetailsElement).open)}
              >
                <summary>{t('coord.editTask')}</summary>
                {editing && (
                  <TaskForm
                    task={data}
                    timeZone={data.timezone}
                    error={update.error}
                    pending={update.isPending}
                    submitLabel={t('common.save')}
                    onSubmit={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })}
                  />
                )}
              </details>
              <section className="card">
                <h2>{t('coord.cancelTask')}</h2>
                <FormError error={cancel.error} fields={['reason']} />
                <TextField
                  label={t('coord.reasonOptional')}
                  hint={t('coord.cancelHint')}
                  name="reason"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  error={cancel.error}
                />
                <button type="button" className="button danger" onClick={() => cancel.mutate(undefined)}>
                  {t('coord.cancelTask')}
                </button>
              </section>
            </>
          )}
        </Page>
      )}
    </Loaded>
  );
}
