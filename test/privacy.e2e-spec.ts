import request from 'supertest';
import { guardCalls } from '@haven/core';
import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  needBody,
  newAccount,
  organizationApplication,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
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

  /** A 422 that names the field and the kind, and holds none of the words that identify. */
  function expectRefused(response: request.Response, field: string, kind: string, secrets: string[]) {
    expectProblem(response, 422, field);
    expect(response.body.type).toContain('personal_data');
    const error = response.body.errors.find((entry: { field: string }) => entry.field === field);
    expect(error.message).toContain(kind);
    for (const secret of secrets) expect(JSON.stringify(response.body)).not.toContain(secret);
  }

  describe('fields the guard did not read before (issue 11)', () => {
    it.each([
      [
        'name',
        'Amira (12) from tent 4 support group',
        "a person's name or description with their age",
        ['Amira'],
      ],
      [
        'description',
        'We help fatima.h at example dot com and her sisters.',
        'an e-mail address',
        ['fatima'],
      ],
      ['registrationNumber', 'passport N1234567', 'an ID, passport or case number', ['N1234567']],
      [
        'website',
        'https://example.org/families/amira-12-tent-4',
        'an address or shelter location',
        ['amira'],
      ],
    ])('organisation %s', async (field, value, kind, secrets) => {
      const coordinator = await register(api, 'coordinator');
      const response = await api.http
        .post('/api/v1/organizations')
        .set(bearer(coordinator))
        .send(organizationApplication({ [field]: value }));
      expectRefused(response, field, kind, secrets);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM organization_members WHERE user_id = $1',
        [coordinator.id],
      );
      expect(row.count).toBe(0);
    });

    it.each([
      ['name', 'Tent 14 of Rojda, 9'],
      ['region', 'caravan 112, block 3'],
    ])('camp %s', async (field, value) => {
      const body = {
        name: 'Fictional camp for guard tests',
        country: 'JO',
        region: 'Testland',
        timezone: 'Asia/Amman',
      };
      const response = await api.http
        .post('/api/v1/camps')
        .set(bearer(admin))
        .send({ ...body, [field]: value });
      expectRefused(response, field, 'an address or shelter location', ['14', '112']);
    });

    it('camp region on edit, leaving the camp as it was', async () => {
      const campId = await createCamp(api, admin);
      const response = await api.http
        .patch(`/api/v1/camps/${campId}`)
        .set(bearer(admin))
        .send({ region: 'Rojda, 9, tent four' });
      expectRefused(response, 'region', "a person's name or description with their age", ['Rojda', 'four']);
      const camp = await api.http.get(`/api/v1/camps/${campId}`).set(bearer(admin)).expect(200);
      expect(camp.body.region).toBe('Testland');
    });

    it('displayName at registration', async () => {
      const response = await api.http
        .post('/api/v1/auth/register')
        .send({ ...newAccount('volunteer'), displayName: 'Mother of Amira, 12, call 0791234567' });
      expectRefused(response, 'displayName', 'a phone number', ['0791', 'Amira']);
    });

    it('task languages take no private-use or extension subtags, and are canonicalised', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      for (const languages of [['ar-x-amira-age12-tent4'], ['en-u-ca-gregory'], ['ar-amira']]) {
        const response = await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(owner))
          .send(taskBody({ languages }));
        expectProblem(response, 400, 'languages');
        expect(JSON.stringify(response.body)).not.toContain('amira');
      }
      const created = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody({ languages: ['CKB-iq', 'ku-latn'] }))
        .expect(201);
      expect(created.body.languages).toEqual(['ckb-IQ', 'ku-Latn']);
    });
  });

  describe('lists are read entry by entry and as one text', () => {
    let volunteer: Account;
    const profile = (skills: string[]) => ({
      skills,
      languages: [],
      availability: [],
      remote: false,
      campIds: [],
    });

    beforeAll(async () => {
      volunteer = await register(api, 'volunteer');
    });

    it('refuses ["Amira", "aged 12", "tent", "4"], naming the list and the kind', async () => {
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send(profile(['Amira', 'aged 12', 'tent', '4']));
      expectRefused(response, 'skills', "a person's name or description with their age", [
        'Amira',
        'aged 12',
      ]);
      expect(response.body.errors[0].message).toMatch(/^skills \(the list read as one text\) contains /);
    });

    it('reads none of the entries of a list over its limit (400, the guard not run)', async () => {
      const before = guardCalls();
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send(profile(Array.from({ length: 500 }, () => '0791 234 567 0791 234 567 0791 234 567 0791 234')));
      expectProblem(response, 400, 'skills');
      expect(guardCalls()).toBe(before);
    });

    it('names the entry that carries an identifier: skills[1]', async () => {
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send(profile(['teaching', 'ring zero seven nine one 234 567']));
      expectRefused(response, 'skills', 'a phone number', ['zero seven', 'ring', '567']);
      expect(response.body.errors[0].message).toMatch(/^skills\[1\] contains a phone number; /);
      const stored = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(volunteer));
      expect(JSON.stringify(stored.body)).not.toContain('zero seven');
    });

    it('refuses a control character in a task skill with 400 on create and edit, stores nothing', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      /** 400 on the list or one of its entries (NUL is refused as the body is read: `skills.0`). */
      const expectSkillsRefused = (response: request.Response) => {
        expectProblem(response, 400);
        const fields = response.body.errors.map((error: { field: string }) => error.field);
        expect(fields.some((field: string) => /^skills(\.\d+)?$/.test(field))).toBe(true);
      };
      for (const skills of [['te\u0000ach'], ['te\u001bach'], ['line\nbreak'], ['te\u0085ach']]) {
        expectSkillsRefused(
          await api.http.post(`/api/v1/needs/${needId}/tasks`).set(bearer(owner)).send(taskBody({ skills })),
        );
      }
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody())
        .expect(201);
      for (const skills of [['te\u0000ach'], ['te\u001bach'], ['line\nbreak'], ['te\u0085ach']]) {
        expectSkillsRefused(
          await api.http.patch(`/api/v1/tasks/${task.body.id}`).set(bearer(owner)).send({ skills }),
        );
      }
      const [row] = await api.db.query('SELECT count(*)::int AS count FROM tasks WHERE need_id = $1', [
        needId,
      ]);
      expect(row.count).toBe(1);
    });
  });

  describe('what the guard missed before, through a need description', () => {
    let owner: Account;
    let campId: string;

    beforeAll(async () => {
      campId = await createCamp(api, admin);
      ({ owner } = await registerOrganization(api, admin));
    });

    it.each([
      [
        'Amira, aged twelve, from tent four',
        "a person's name or description with their age",
        ['Amira', 'twelve'],
      ],
      ['AMIRA, 12, needs shoes', "a person's name or description with their age", ['AMIRA']],
      ['Ahmed 14 needs shoes', "a person's name or description with their age", ['Ahmed']],
      ['Rojda yanzdeh salî ye', "a person's name or description with their age", ['Rojda', 'yanzdeh']],
      ['أمل عمرها اثنا عشر عاما', "a person's name or description with their age", ['أمل', 'عشر']],
      ['کچەکە تەمەنی ١٢ ساڵە لە خێوەتی ٤', 'an address or shelter location', ['١٢', 'خێوەت']],
      ['ئامیرا، ١٢ ساڵ', "a person's name or description with their age", ['ئامیرا']],
      ['born twelfth of March 2014', 'a date of birth', ['2014']],
      ['the family in tent IV needs a heater', 'an address or shelter location', ['IV']],
      ['deliver to t\u200bent 4 please', 'an address or shelter location', ['4 please']],
      ['the family in t\u0435nt 4 needs water', 'an address or shelter location', ['nt 4']],
      ['write to fatima.h [at] example [dot] com', 'an e-mail address', ['fatima']],
      ['call ০৭৯১২৩৪৫৬৭ after five', 'a phone number', ['০৭৯']],
    ])('refuses: %s', async (description, kind, secrets) => {
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { description }));
      expectRefused(response, 'description', kind, secrets);
    });

    it('refuses an identifier in an item name or unit, naming the item', async () => {
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { items: [{ name: 'Shoes for Ahmed, 14', unit: 'pairs', quantity: 1 }] }));
      expectProblem(response, 422, 'items.0.name');
    });

    it.each([
      'Girls aged twelve to sixteen: art club on Saturdays in room four.',
      'پێویستمان بە ٢٠٠ بەتانی هەیە بۆ خێزانەکان',
      'وانەی ئینگلیزی بۆ منداڵانی تەمەن ٨ بۆ ١٢ ساڵ',
      'نحتاج اثني عشر متطوعا لتوزيع الطرود',
      'Em bîst û pênc betaniyan hewce dikin.',
      'Phone credit of five JOD for each of the 40 families; gate 3 opens at 08:00.',
    ])('lets through: %s', async (description) => {
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { description }))
        .expect(201);
      expect(response.body.description).toBe(description);
    });
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
