import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loaded, Status } from '../../components/states';
import { TimeTwice } from '../../components/time';
import { useMe } from '../../lib/auth';
import { languageName } from '../../lib/format';
import { usePendingChanges } from '../../lib/use-outbox';
import type { Task } from '../../lib/api/types';
import { useMySignups, useNeed, useSignUp, useTask, useWithdraw } from './api';
import { placesLeft, signupStatusText } from './components';

const LIVE = ['confirmed', 'waitlisted', 'pending'];

function SignupPanel({ task }: { task: Task }) {
  const { t } = useTranslation();
  const signups = useMySignups();
  const signUp = useSignUp(task);
  const withdraw = useWithdraw(task);
  const { pending } = usePendingChanges();
  const waiting = pending.find((change) => change.path.startsWith(`/api/v1/tasks/${task.id}/signups`));
  const mine = signups.data?.items.find((item) => item.task.id === task.id && LIVE.includes(item.status));
  const started = new Date(task.startsAt) <= new Date();

  if (waiting) {
    return (
      <p className="banner pending" role="status">
        {waiting.kind === 'signup' ? t('signup.waitingToSend') : t('signup.withdrawWaiting')}
      </p>
    );
  }
  const error = signUp.error ?? withdraw.error;
  return (
    <div aria-live="polite">
      {error && <ErrorState error={error} />}
      {mine ? (
        <>
          <p>
            <Status value={mine.status} label={signupStatusText(mine, t)} />
          </p>
          {mine.status === 'pending' && <p className="meta">{t('signup.pendingHint')}</p>}
          {!started && (
            <button
              type="button"
              className="button secondary"
              onClick={() => withdraw.mutate()}
              disabled={withdraw.isPending}
            >
              {t('signup.withdraw')}
            </button>
          )}
        </>
      ) : task.status !== 'open' || started ? (
        <p className="meta">{t('signup.closed')}</p>
      ) : (
        <>
          <button
            type="button"
            className="button block"
            onClick={() => signUp.mutate()}
            disabled={signUp.isPending}
          >
            {task.capacity - task.confirmed > 0 ? t('signup.signUp') : t('signup.joinWaitlist')}
          </button>
          {task.signupMode === 'review' && <p className="meta">{t('signup.reviewHint')}</p>}
          {task.requiresSafeguarding && <p className="meta">{t('signup.safeguardingHint')}</p>}
        </>
      )}
    </div>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const task = useTask(id);
  const need = useNeed(task.data?.needId);
  return (
    <Loaded query={task}>
      {(data) => (
        <article>
          <p className="meta">
            {t(`categories.${data.category}`)} · {data.organizationName}
          </p>
          <h1>{data.title}</h1>
          {data.status !== 'open' && (
            <p className="banner error">
              {t(`taskStatus.${data.status}`, { defaultValue: data.status })}
              {data.statusReason ? ` — ${data.statusReason}` : ''}
            </p>
          )}
          <div className="card">
            <p>
              <TimeTwice
                startsAt={data.startsAt}
                endsAt={data.endsAt}
                timeZone={data.timezone}
                place={data.campName}
              />
            </p>
            <p>{data.remote ? t('task.remote') : t('task.atCamp', { camp: data.campName })}</p>
            <p>
              <strong>{placesLeft(data, t)}</strong>
            </p>
            {me.role === 'volunteer' && <SignupPanel task={data} />}
            {me.role === 'coordinator' && me.organization?.id === data.organizationId && (
              <Link className="button" to={`/org/tasks/${data.id}`}>
                {t('coord.manageSignups')}
              </Link>
            )}
          </div>
          <section className="card" aria-labelledby="task-about">
            <h2 id="task-about">{t('task.about')}</h2>
            <p style={{ whiteSpace: 'pre-line' }}>{data.description}</p>
            {data.skills.length > 0 && (
              <>
                <h3>{t('task.skills')}</h3>
                <ul className="chips">
                  {data.skills.map((skill) => (
                    <li key={skill} className="chip">
                      {skill}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {data.languages.length > 0 && (
              <>
                <h3>{t('task.languages')}</h3>
                <ul className="chips">
                  {data.languages.map((language) => (
                    <li key={language} className="chip">
                      {languageName(language, i18n.language)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {need.data && (
            <section className="card" aria-labelledby="task-need">
              <h2 id="task-need">{t('task.theNeed')}</h2>
              <h3>{need.data.title}</h3>
              <p style={{ whiteSpace: 'pre-line' }}>{need.data.description}</p>
              {need.data.items.length > 0 && (
                <Link to={`/needs/${need.data.id}`}>{t('task.pledgeSupplies')}</Link>
              )}
            </section>
          )}
        </article>
      )}
    </Loaded>
  );
}
