import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, FormError, TextArea, TextField, formValues } from '../../components/form';
import { ErrorState, Loaded, Page, Status } from '../../components/states';
import { api, unwrap, type Body } from '../../lib/api/client';
import { CATEGORIES, type Invitation } from '../../lib/api/types';
import { useAuth, useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useAction, useMembers, useMyInvitations, useOrganization } from './api';

const APPLY_FIELDS = [
  'name',
  'country',
  'registrationNumber',
  'contactEmail',
  'description',
  'focusAreas',
  'website',
];

function ApplyForm() {
  const { t } = useTranslation();
  const { reload } = useAuth();
  const apply = useAction(
    (body: Record<string, unknown>) =>
      unwrap(api.POST('/api/v1/organizations', { body: body as Body<'ApplyOrganizationDto'> })),
    ['organization'],
  );
  return (
    <form
      className="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const values = formValues(event.currentTarget);
        const focusAreas = new FormData(event.currentTarget).getAll('focusAreas').map(String);
        apply.mutate(
          {
            name: values.name,
            country: values.country.toUpperCase(),
            registrationNumber: values.registrationNumber,
            contactEmail: values.contactEmail,
            description: values.description,
            focusAreas,
            ...(values.website ? { website: values.website } : {}),
          },
          { onSuccess: () => void reload() },
        );
      }}
    >
      <h2>{t('org.applyTitle')}</h2>
      <p>{t('org.applyIntro')}</p>
      <FormError error={apply.error} fields={APPLY_FIELDS} />
      <TextField label={t('org.name')} name="name" required error={apply.error} />
      <TextField
        label={t('org.country')}
        hint={t('org.countryHint')}
        name="country"
        maxLength={2}
        required
        error={apply.error}
      />
      <TextField label={t('org.registrationNumber')} name="registrationNumber" required error={apply.error} />
      <TextField
        label={t('org.contactEmail')}
        name="contactEmail"
        type="email"
        required
        error={apply.error}
      />
      <TextArea
        label={t('org.description')}
        hint={t('org.descriptionHint')}
        name="description"
        required
        error={apply.error}
      />
      <fieldset className="field">
        <legend>{t('org.focusAreas')}</legend>
        <div className="grid-2">
          {CATEGORIES.map((category) => (
            <Check key={category} name="focusAreas" value={category} label={t(`categories.${category}`)} />
          ))}
        </div>
      </fieldset>
      <TextField label={t('org.website')} name="website" type="url" error={apply.error} />
      <button className="button" type="submit" disabled={apply.isPending}>
        {t('org.apply')}
      </button>
    </form>
  );
}

function Invitations() {
  const { t, i18n } = useTranslation();
  const { reload } = useAuth();
  const invitations = useMyInvitations(true);
  const act = useAction(
    ({ id, action }: { id: string; action: 'accept' | 'decline' }) =>
      action === 'accept'
        ? unwrap(api.POST('/api/v1/me/invitations/{id}/accept', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/me/invitations/{id}/decline', { params: { path: { id } } })),
    ['my-invitations'],
  );
  const data = invitations.data;
  const list: Invitation[] = Array.isArray(data) ? data : (data?.items ?? []);
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="invitations">
      <h2 id="invitations">{t('org.invitations')}</h2>
      {act.error && <ErrorState error={act.error} />}
      <ul className="list">
        {list.map((invitation) => (
          <li key={invitation.id} className="spread">
            <span>
              <strong>{invitation.organization.name}</strong>
              <br />
              <span className="meta">
                {t('org.expires', { date: formatDate(invitation.expiresAt, i18n.language) })}
              </span>
            </span>
            <span className="row">
              <button
                type="button"
                className="button"
                onClick={() =>
                  act.mutate({ id: invitation.id, action: 'accept' }, { onSuccess: () => void reload() })
                }
              >
                {t('org.accept')}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => act.mutate({ id: invitation.id, action: 'decline' })}
              >
                {t('org.decline')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Members({ organizationId, owner }: { organizationId: string; owner: boolean }) {
  const { t } = useTranslation();
  const members = useMembers(organizationId);
  const invite = useAction(
    (email: string) =>
      unwrap(
        api.POST('/api/v1/organizations/{id}/invitations', {
          params: { path: { id: organizationId } },
          body: { email },
        }),
      ),
    ['organization'],
  );
  return (
    <section className="card" aria-labelledby="members">
      <h2 id="members">{t('org.members')}</h2>
      <Loaded query={members}>
        {(data) => (
          <ul className="list">
            {data.items.map((member) => (
              <li key={member.userId} className="spread" style={{ minBlockSize: 44 }}>
                <span>{member.displayName}</span>
                <span className="meta">
                  {t(`org.memberRole.${member.memberRole}`, { defaultValue: member.memberRole })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {owner && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            invite.mutate(formValues(form).email, { onSuccess: () => form.reset() });
          }}
        >
          <h3>{t('org.inviteTitle')}</h3>
          <FormError error={invite.error} fields={['email']} />
          <TextField
            label={t('org.inviteEmail')}
            hint={t('org.inviteHint')}
            name="email"
            type="email"
            error={invite.error}
          />
          <button className="button secondary" type="submit" disabled={invite.isPending}>
            {t('org.invite')}
          </button>
          {invite.isSuccess && (
            <p className="banner ok" role="status">
              {t('org.invited')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

export function OrganizationPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { reload } = useAuth();
  const organization = useOrganization(me.organization?.id);
  const current = organization.data?.status;
  // A decision made meanwhile (approved, suspended) reaches the whole app through the session.
  useEffect(() => {
    if (current && me.organization && current !== me.organization.status) void reload();
  }, [current, me.organization, reload]);
  if (!me.organization) {
    return (
      <Page title={t('org.title')}>
        <Invitations />
        <ApplyForm />
      </Page>
    );
  }
  return (
    <Page title={me.organization.name}>
      <Loaded query={organization}>
        {(org) => {
          const last = org.decisions?.[org.decisions.length - 1];
          return (
            <>
              <section className="card" aria-labelledby="vetting">
                <h2 id="vetting">{t('org.vetting')}</h2>
                <p>
                  <Status value={org.status} label={t(`org.status.${org.status}`)} />
                </p>
                <p>{t(`org.statusHint.${org.status}`)}</p>
                {last?.reason && (
                  <p>
                    {t('org.reason')}: {last.reason}
                  </p>
                )}
                {org.reviewBy && (
                  <p className="meta">
                    {t('org.reviewBy', { date: formatDate(org.reviewBy, i18n.language) })}
                  </p>
                )}
              </section>
              <Members organizationId={org.id} owner={me.organization?.memberRole === 'owner'} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
