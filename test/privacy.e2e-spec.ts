import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  organizationApplication,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  TestApi,
} from './support/test-api';

describe('privacy guard on free text (e2e)', () => {
  let api: TestApi;
  let admin: Account;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses a description with a phone number: 422 naming the field and the kind, never the text', async () => {
    const coordinator = await register(api, 'coordinator');
    const description = 'We help Amira, call her mother on +962 79 555 0123 for details.';
    const response = await api.http
      .post('/api/v1/organizations')
      .set(bearer(coordinator))
      .send(organizationApplication({ description }));
    expectProblem(response, 422, 'description');
    expect(response.body.type).toContain('personal_data');
    expect(response.body.errors[0].message).toContain('a phone number');
    expect(JSON.stringify(response.body)).not.toContain('555');
    const [row] = await api.db.query(
      'SELECT count(*)::int AS count FROM organization_members WHERE user_id = $1',
      [coordinator.id],
    );
    expect(row.count).toBe(0);
  });

  it('guards reasons and notes of vetting decisions, and changes nothing', async () => {
    const { organizationId } = await registerOrganization(api);
    const rejected = await api.http
      .post(`/api/v1/organizations/${organizationId}/reject`)
      .set(bearer(admin))
      .send({ reason: 'They posted the case of Ahmed (14) from tent 4 publicly.' });
    expectProblem(rejected, 422, 'reason');
    expect(rejected.body.errors[0].message).toMatch(/address or shelter location.*age|age.*address/);
    const approved = await api.http
      .post(`/api/v1/organizations/${organizationId}/approve`)
      .set(bearer(admin))
      .send({ note: 'Checked with the director, reach her at director@example.org' });
    expectProblem(approved, 422, 'note');
    const organization = await api.http
      .get(`/api/v1/organizations/${organizationId}`)
      .set(bearer(admin))
      .expect(200);
    expect(organization.body.status).toBe('pending');
    const [row] = await api.db.query('SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1', [
      organizationId,
    ]);
    expect(row.count).toBe(1);
  });

  it('answers 400 listing every problem when other fields are wrong too', async () => {
    const coordinator = await register(api, 'coordinator');
    const response = await api.http
      .post('/api/v1/organizations')
      .set(bearer(coordinator))
      .send(organizationApplication({ description: 'Call 0791234567', country: 'Jordan' }));
    expectProblem(response, 400);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['description', 'country']));
  });

  it('lets ordinary descriptions through', async () => {
    const coordinator = await register(api, 'coordinator');
    await api.http
      .post('/api/v1/organizations')
      .set(bearer(coordinator))
      .send(
        organizationApplication({
          description:
            'English classes for children aged 8-12 in room 4 of the community centre, Saturdays 09:00-11:00.',
        }),
      )
      .expect(201);
  });

  it('has no column for an individual beneficiary in any table that describes the people served', async () => {
    const columns: { table_name: string; column_name: string }[] = await api.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name IN ('needs', 'need_items', 'tasks', 'pledges')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const personal =
      /(first|last|full|given|family|child|person|beneficiary)_?name|birth|dob|phone|passport|national_id|case_(number|no)|unhcr|refugee_id|address|tent|shelter|caravan|gender|^age$|nationality/;
    expect(columns.filter((column) => personal.test(column.column_name))).toEqual([]);
  });
});
