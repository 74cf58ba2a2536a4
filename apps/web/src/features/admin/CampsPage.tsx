import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError, TextField, formValues } from '../../components/form';
import { Loaded, Page } from '../../components/states';
import { api, unwrap, type Body, type Page as ApiPage } from '../../lib/api/client';
import type { Camp } from '../../lib/api/types';
import { useAdminAction } from './api';

const FIELDS = ['name', 'country', 'region', 'timezone', 'latitude', 'longitude'];

export function CampsPage() {
  const { t } = useTranslation();
  const camps = useQuery({
    queryKey: ['camps'],
    queryFn: () => unwrap<ApiPage<Camp>>(api.GET('/api/v1/camps', { params: { query: { limit: 100 } } })),
  });
  const create = useAdminAction(
    (body: Record<string, unknown>) =>
      unwrap(api.POST('/api/v1/camps', { body: body as Body<'CreateCampDto'> })),
    ['camps'],
  );
  return (
    <Page title={t('admin.camps')}>
      <Loaded query={camps}>
        {(data) => (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('admin.campName')}</th>
                  <th scope="col">{t('admin.region')}</th>
                  <th scope="col">{t('admin.country')}</th>
                  <th scope="col">{t('admin.timezone')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((camp) => (
                  <tr key={camp.id}>
                    <td>{camp.name}</td>
                    <td>{camp.region}</td>
                    <td>{camp.country}</td>
                    <td>{camp.timezone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <form
        className="card"
        style={{ marginBlockStart: 16 }}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const values = formValues(form);
          create.mutate(
            {
              name: values.name,
              country: values.country.toUpperCase(),
              region: values.region,
              timezone: values.timezone,
            },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <h2>{t('admin.addCamp')}</h2>
        <FormError error={create.error} fields={FIELDS} />
        <TextField label={t('admin.campName')} name="name" required error={create.error} />
        <div className="grid-2">
          <TextField
            label={t('admin.country')}
            hint={t('org.countryHint')}
            name="country"
            maxLength={2}
            required
            error={create.error}
          />
          <TextField label={t('admin.region')} name="region" required error={create.error} />
        </div>
        <TextField
          label={t('admin.timezone')}
          hint={t('admin.timezoneHint')}
          name="timezone"
          required
          error={create.error}
        />
        <button className="button" type="submit" disabled={create.isPending}>
          {t('admin.addCamp')}
        </button>
      </form>
    </Page>
  );
}
