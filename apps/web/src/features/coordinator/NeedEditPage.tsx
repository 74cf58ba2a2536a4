import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormError, SelectField, TextArea, TextField } from '../../components/form';
import { Empty, ErrorState, Loaded, Page, Skeletons, Status } from '../../components/states';
import { SupplyBar } from '../../components/supply-bar';
import { TimeTwice } from '../../components/time';
import { api, unwrap, type Body } from '../../lib/api/client';
import { CATEGORIES, type Need, type NeedItem } from '../../lib/api/types';
import { useMe } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useQuery } from '@tanstack/react-query';
import { useAction, useCampList, useNeedPledges, useOrgTasks } from './api';
import { NotApproved } from './NeedsPage';
import { TaskForm } from './TaskForm';

const NEED_FIELDS = [
  'campId',
  'category',
  'title',
  'description',
  'urgency',
  'beneficiaries',
  'startsOn',
  'endsOn',
  'items',
];
type ItemDraft = Partial<NeedItem> & { key: string };

function NeedForm({ need, onSaved }: { need?: Need; onSaved: (need: Need) => void }) {
  const { t } = useTranslation();
  const camps = useCampList();
  const [items, setItems] = useState<ItemDraft[]>(() =>
    (need?.items ?? []).map((item) => ({ ...item, key: item.id })),
  );
  const save = useAction(
    (body: Record<string, unknown>) =>
      need
        ? unwrap<Need>(
            api.PATCH('/api/v1/needs/{id}', {
              params: { path: { id: need.id } },
              body: body as Body<'UpdateNeedDto'>,
            }),
          )
        : unwrap<Need>(api.POST('/api/v1/needs', { body: body as Body<'CreateNeedDto'> })),
    ['need', 'org-needs'],
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const count = text('beneficiaryCount');
    const body: Record<string, unknown> = {
      campId: text('campId'),
      category: text('category'),
      title: text('title'),
      description: text('description'),
      urgency: text('urgency'),
      items: items.map((item, index) => ({
        ...(item.id ? { id: item.id } : {}),
        name: text(`items.${index}.name`),
        unit: text(`items.${index}.unit`),
        quantity: Number(text(`items.${index}.quantity`)),
      })),
    };
    if (count) body.beneficiaries = { count: Number(count), ageGroup: text('ageGroup') };
    if (text('startsOn')) body.startsOn = text('startsOn');
    if (text('endsOn')) body.endsOn = text('endsOn');
    if (need) delete body.campId;
    save.mutate(body, { onSuccess: (saved) => onSaved(saved) });
  };
  if (!camps.data) return <Skeletons count={2} />;
  const error = save.error;
  const beneficiaryCount = need?.beneficiaries ? String(need.beneficiaries.count) : '';
  return (
    <form className="card" onSubmit={submit} noValidate>
      <FormError error={error} fields={[...NEED_FIELDS, 'beneficiaries.count']} />
      {!need && (
        <SelectField label={t('coord.camp')} name="campId" required error={error}>
          {camps.data.items.map((camp) => (
            <option key={camp.id} value={camp.id}>
              {camp.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="grid-2">
        <SelectField label={t('coord.category')} name="category" defaultValue={need?.category} error={error}>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('coord.urgency')}
          name="urgency"
          defaultValue={need?.urgency ?? 'medium'}
          error={error}
        >
          {(['low', 'medium', 'high', 'critical'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`urgency.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('coord.needTitle')}
        hint={t('coord.needTitleHint')}
        name="title"
        defaultValue={need?.title}
        required
        maxLength={200}
        error={error}
      />
      <TextArea
        label={t('coord.needDescription')}
        hint={t('coord.descriptionHint')}
        name="description"
        defaultValue={need?.description}
        required
        error={error}
      />
      <div className="grid-2">
        <TextField
          label={t('coord.beneficiaryCount')}
          hint={t('coord.beneficiaryHint')}
          name="beneficiaryCount"
          type="number"
          min={0}
          defaultValue={/^\d+$/.test(beneficiaryCount) ? beneficiaryCount : ''}
          error={error}
        />
        <SelectField
          label={t('coord.ageGroup')}
          name="ageGroup"
          defaultValue={need?.beneficiaries?.ageGroup ?? 'mixed'}
          error={error}
        >
          {(['children', 'youth', 'adults', 'mixed'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`ageGroups.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('coord.startsOn')}
          name="startsOn"
          type="date"
          defaultValue={need?.startsOn ?? ''}
          error={error}
        />
        <TextField
          label={t('coord.endsOn')}
          name="endsOn"
          type="date"
          defaultValue={need?.endsOn ?? ''}
          error={error}
        />
      </div>
      <fieldset className="field">
        <legend>{t('coord.items')}</legend>
        <p className="hint">{t('coord.itemsHint')}</p>
        {items.map((item, index) => (
          <div key={item.key} className="card" style={{ background: 'var(--bg)' }}>
            <TextField
              label={t('coord.itemName')}
              name={`items.${index}.name`}
              defaultValue={item.name}
              error={error}
            />
            <div className="grid-2">
              <TextField
                label={t('coord.itemUnit')}
                name={`items.${index}.unit`}
                defaultValue={item.unit}
                error={error}
              />
              <TextField
                label={t('coord.itemQuantity')}
                name={`items.${index}.quantity`}
                type="number"
                min={1}
                defaultValue={item.quantity}
                error={error}
              />
            </div>
            <button
              type="button"
              className="button link"
              onClick={() => setItems(items.filter((entry) => entry.key !== item.key))}
            >
              {t('coord.removeItem')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button secondary"
          onClick={() => setItems([...items, { key: crypto.randomUUID() }])}
        >
          {t('coord.addItem')}
        </button>
      </fieldset>
      <button className="button" type="submit" disabled={save.isPending}>
        {need ? t('common.save') : t('coord.postNeed')}
      </button>
      {save.isSuccess && need && (
        <p className="banner ok" role="status">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
}

function Supplies({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const pledges = useNeedPledges(need.id);
  const deliver = useAction(
    (id: string) =>
      unwrap(api.POST('/api/v1/pledges/{id}/delivered', { params: { path: { id } }, body: {} })),
    ['need'],
  );
  if (need.items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="supplies">
      <h2 id="supplies">{t('coord.supplies')}</h2>
      <p className="legend">
        <span>
          <i style={{ background: '#4f8a84' }} />
          {t('supplies.pledged')}
        </span>
        <span>
          <i style={{ background: 'var(--primary)' }} />
          {t('supplies.delivered')}
        </span>
      </p>
      {need.items.map((item) => (
        <div key={item.id} style={{ marginBlockEnd: 12 }}>
          <h3>{item.name}</h3>
          <SupplyBar item={item} />
        </div>
      ))}
      {deliver.error && <ErrorState error={deliver.error} />}
      <h3>{t('coord.pledges')}</h3>
      <Loaded query={pledges}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('coord.noPledges')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((pledge) => {
                const item = need.items.find((entry) => entry.id === pledge.itemId);
                return (
                  <li key={pledge.id} className="spread" style={{ minBlockSize: 44 }}>
                    <span>
                      {formatNumber(pledge.quantity, i18n.language)} {item?.unit} · {item?.name}{' '}
                      <Status
                        value={pledge.status}
                        label={t(`pledge.status.${pledge.status}`, { defaultValue: pledge.status })}
                      />
                    </span>
                    {pledge.status === 'pledged' && (
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => deliver.mutate(pledge.id)}
                      >
                        {t('coord.markDelivered')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function Tasks({ need, timeZone }: { need: Need; timeZone: string }) {
  const { t } = useTranslation();
  // Thirty days back: started tasks stay reachable for attendance and hours.
  const [from] = useState(() => new Date(Date.now() - 30 * 86_400_000).toISOString());
  const tasks = useOrgTasks({ needId: need.id, organizationId: need.organizationId, from });
  const [adding, setAdding] = useState(false);
  const create = useAction(
    (body: Record<string, unknown>) =>
      unwrap(
        api.POST('/api/v1/needs/{id}/tasks', {
          params: { path: { id: need.id } },
          body: body as Body<'CreateTaskDto'>,
        }),
      ),
    ['org-tasks', 'need'],
  );
  return (
    <section className="card" aria-labelledby="need-tasks">
      <div className="spread">
        <h2 id="need-tasks">{t('coord.tasks')}</h2>
        {need.status === 'open' && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            {t('coord.addTask')}
          </button>
        )}
      </div>
      {adding && (
        <div className="card" style={{ background: 'var(--bg)' }}>
          <TaskForm
            timeZone={timeZone}
            error={create.error}
            pending={create.isPending}
            submitLabel={t('coord.createTask')}
            onSubmit={(body) => create.mutate(body, { onSuccess: () => setAdding(false) })}
          />
        </div>
      )}
      <Loaded query={tasks}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('coord.noTasks')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((task) => (
                <li key={task.id} className="card">
                  <Link to={`/org/tasks/${task.id}`} className="card-link">
                    <h3>{task.title}</h3>
                    <p>
                      <TimeTwice
                        startsAt={task.startsAt}
                        endsAt={task.endsAt}
                        timeZone={task.timezone}
                        place={task.campName}
                      />
                    </p>
                    <p className="meta">
                      {t('coord.taskFigures', {
                        confirmed: task.confirmed,
                        capacity: task.capacity,
                        waitlisted: task.waitlisted,
                      })}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function NeedActions({ need }: { need: Need }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const act = useAction(
    (action: 'close' | 'cancel') =>
      unwrap(
        api.POST(action === 'close' ? '/api/v1/needs/{id}/close' : '/api/v1/needs/{id}/cancel', {
          params: { path: { id: need.id } },
          body: reason ? { reason } : {},
        }),
      ),
    ['need', 'org-needs', 'org-tasks'],
  );
  if (!['open', 'filled'].includes(need.status)) return null;
  return (
    <section className="card" aria-labelledby="need-actions">
      <h2 id="need-actions">{t('coord.closeOrCancel')}</h2>
      <FormError error={act.error} fields={['reason']} />
      <TextField
        label={t('coord.reasonOptional')}
        hint={t('coord.cancelHint')}
        name="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={act.error}
      />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => act.mutate('close')}>
          {t('coord.closeNeed')}
        </button>
        <button type="button" className="button danger" onClick={() => act.mutate('cancel')}>
          {t('coord.cancelNeed')}
        </button>
      </div>
    </section>
  );
}

export function NeedEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const camps = useCampList();
  const need = useQuery({
    queryKey: ['need', id],
    queryFn: () => unwrap<Need>(api.GET('/api/v1/needs/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  if (!me.organization || me.organization.status !== 'approved') return <NotApproved />;
  if (!id) {
    return (
      <Page title={t('coord.postNeed')}>
        <NeedForm onSaved={(saved) => navigate(`/org/needs/${saved.id}`, { replace: true })} />
      </Page>
    );
  }
  return (
    <Loaded query={need}>
      {(data) => {
        const timeZone = camps.data?.items.find((camp) => camp.id === data.campId)?.timezone ?? 'UTC';
        return (
          <Page title={data.title}>
            <p>
              <Status value={data.status} label={t(`needStatus.${data.status}`)} />{' '}
              <span className="meta">{data.campName}</span>
            </p>
            <Tasks need={data} timeZone={timeZone} />
            <Supplies need={data} />
            <details className="card">
              <summary>{t('coord.editNeed')}</summary>
              <NeedForm need={data} onSaved={() => undefined} />
            </details>
            <NeedActions need={data} />
          </Page>
        );
      }}
    </Loaded>
  );
}
