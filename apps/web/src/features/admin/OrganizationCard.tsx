import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, TextField } from '../../components/form';
import { Status } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import type { Organization } from '../../lib/api/types';
import { formatDate } from '../../lib/format';
import { useAdminAction } from './api';

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';
const ACTIONS: Record<string, Decision[]> = {
  pending: ['approve', 'reject'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: [],
  closed: [],
};
const NEEDS_REASON: Decision[] = ['reject', 'suspend'];

/** A rejection or suspension carries its reason; an approval or reinstatement an optional note. */
function decide(id: string, action: Decision, value: string) {
  const params = { path: { id } };
  const note = value ? { note: value } : {};
  switch (action) {
    case 'reject':
      return api.POST('/api/v1/organizations/{id}/reject', { params, body: { reason: value } });
    case 'suspend':
      return api.POST('/api/v1/organizations/{id}/suspend', { params, body: { reason: value } });
    case 'approve':
      return api.POST('/api/v1/organizations/{id}/approve', { params, body: note });
    case 'reinstate':
      return api.POST('/api/v1/organizations/{id}/reinstate', { params, body: note });
  }
}

/** One organisation with the decisions its state allows; a rejection or suspension needs a reason. */
export function OrganizationCard({ organization }: { organization: Organization }) {
  const { t, i18n } = useTranslation();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [text, setText] = useState('');
  const act = useAdminAction(
    ({ id, action, value }: { id: string; action: Decision; value: string }) =>
      unwrap(decide(id, action, value)),
    ['admin-organizations'],
  );
  return (
    <li className="card">
      <div className="spread">
        <h3>{organization.name}</h3>
        <Status value={organization.status} label={t(`org.status.${organization.status}`)} />
      </div>
      <p className="meta">
        {organization.country} · {organization.registrationNumber} · {organization.contactEmail}
        {organization.website ? ` · ${organization.website}` : ''}
      </p>
      <p>{organization.description}</p>
      <ul className="chips">
        {organization.focusAreas.map((area) => (
          <li key={area} className="chip">
            {t(`categories.${area}`, { defaultValue: area })}
          </li>
        ))}
      </ul>
      {organization.reviewBy && (
        <p className="meta">
          {t('org.reviewBy', { date: formatDate(organization.reviewBy, i18n.language) })}
        </p>
      )}
      {decision ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            act.mutate(
              { id: organization.id, action: decision, value: text.trim() },
              { onSuccess: () => setDecision(null) },
            );
          }}
        >
          <FormError error={act.error} fields={['reason', 'note']} />
          <TextField
            label={NEEDS_REASON.includes(decision) ? t('admin.reason') : t('admin.noteOptional')}
            name={NEEDS_REASON.includes(decision) ? 'reason' : 'note'}
            value={text}
            onChange={(event) => setText(event.target.value)}
            required={NEEDS_REASON.includes(decision)}
            error={act.error}
          />
          <div className="actions">
            <button
              type="submit"
              className={`button ${NEEDS_REASON.includes(decision) ? 'danger' : ''}`}
              disabled={act.isPending}
            >
              {t(`admin.actions.${decision}`)}
            </button>
            <button type="button" className="button link" onClick={() => setDecision(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          {(ACTIONS[organization.status] ?? []).map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${NEEDS_REASON.includes(action) ? 'danger' : ''}`}
              onClick={() => {
                setText('');
                setDecision(action);
              }}
            >
              {t(`admin.actions.${action}`)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
