import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, QueueEvents } from 'bullmq';
import { JobName, JobProducer } from '@haven/core';
import { DeliveryService, DigestsService, reminderJobId, RemindersService } from '@haven/notifications';
import { SafeguardingService } from '@haven/volunteering';
import { expectProblem } from '@haven/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { startMailCapture } from './support/mail-capture';
import { eventually } from './support/polling';
import {
  Account,
  bearer,
  createCamp,
  HOUR,
  inHours,
  inYears,
  joinOrganization,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

describe('notifications through the outbox, the queue and the mail transport (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let mail: Awaited<ReturnType<typeof startMailCapture>>;
  let admin: Account;

  const mailTo = (email: string) => mail.messages.filter((message) => message.to.includes(email));
  const feed = (account: Account, query = '') =>
    api.http.get(`/api/v1/me/notifications${query}`).set(bearer(account)).expect(200);

  /** An organisation applies and is approved: its owner is notified. */
  async function approvedOwner() {
    const { owner, organizationId } = await registerOrganization(api);
    await api.http
      .post(`/api/v1/organizations/${organizationId}/approve`)
      .set(bearer(admin))
      .send({})
      .expect(200);
    return { owner, organizationId };
  }

  beforeAll(async () => {
    mail = await startMailCapture();
    api = await startTestApi({ MAIL_URL: mail.url });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), { logger: false });
    worker.enableShutdownHooks();
    await worker.init();
    admin = await registerAdmin(api);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await mail.close();
  });

  describe('delivery', () => {
    it('turns an event into exactly one in-app notification and one e-mail per recipient', async () => {
      const { owner, organizationId } = await approvedOwner();
      await eventually(async () => mailTo(owner.email).length === 1, 'the approval e-mail');
      const [message] = mailTo(owner.email);
      expect(message.subject).toMatch(/is approved$/);
      const notifications = await feed(owner);
      expect(notifications.body.items).toEqual([
        expect.objectContaining({
          type: 'organization.approved',
          title: expect.stringMatching(/is approved$/),
          readAt: null,
          subject: { type: 'organization', id: organizationId },
        }),
      ]);
      // Delivering the same outbox row again (a relay that ran twice) changes nothing.
      const [row] = await api.db.query(
        `SELECT id FROM outbox WHERE event_type = 'organization.approved' AND payload->>'organizationId' = $1`,
        [organizationId],
      );
      await worker.get(DeliveryService).deliver(row.id, false);
      expect(mailTo(owner.email)).toHaveLength(1);
      expect((await feed(owner)).body.items).toHaveLength(1);
      const [delivery] = await api.db.query(
        `SELECT d.status, d.attempts FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.outbox_id = $1`,
        [row.id],
      );
      expect(delivery).toEqual({ status: 'sent', attempts: 1 });
    });

    it('names what each notification is about: the task, else the need, for a link to it', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      const volunteer = await register(api);
      const tasks: string[] = [];
      for (const [from, to] of [
        [48, 50],
        [72, 74],
      ]) {
        const task = await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(owner))
          .send(taskBody({ startsAt: inHours(from), endsAt: inHours(to) }))
          .expect(201);
        await api.http
          .post(`/api/v1/tasks/${task.body.id}/signups`)
          .set(bearer(volunteer))
          .send({})
          .expect(201);
        tasks.push(task.body.id);
      }
      await api.http.post(`/api/v1/tasks/${tasks[1]}/cancel`).set(bearer(owner)).send({}).expect(200);
      await api.http.post(`/api/v1/needs/${needId}/cancel`).set(bearer(owner)).send({}).expect(200);
      const subjects = async () =>
        ((await feed(volunteer)).body.items as { type: string; subject: unknown }[])
          .map((item) => JSON.stringify([item.type, item.subject]))
          .sort();
      await eventually(async () => (await subjects()).length === 4, 'four notifications');
      expect(await subjects()).toEqual(
        [
          ['need.cancelled', { type: 'need', id: needId }],
          ['signup.confirmed', { type: 'task', id: tasks[0] }],
          ['signup.confirmed', { type: 'task', id: tasks[1] }],
          ['task.cancelled', { type: 'task', id: tasks[1] }],
        ]
          .map((entry) => JSON.stringify(entry))
          .sort(),
      );
    });

    it('keeps outbox payloads to ids and non-personal facts: no address of anyone', async () => {
      // An event of its own, so the check below reads at least one row whatever ran before it.
      const { organizationId } = await approvedOwner();
      const rows: { payload: Record<string, unknown> }[] = await api.db.query('SELECT payload FROM outbox');
      expect(rows.map(({ payload }) => payload.organizationId)).toContain(organizationId);
      for (const { payload } of rows) {
        for (const value of Object.values(payload)) {
          expect(String(value)).not.toMatch(/@/);
        }
      }
    });

    it('honours each person’s preferences: no e-mail when it is off, no feed entry when in-app is off', async () => {
      const { owner: quiet, organizationId: quietOrganization } = await registerOrganization(api);
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(quiet))
        .send({ email: false, inApp: true, digest: 'off' })
        .expect(200);
      await api.http
        .post(`/api/v1/organizations/${quietOrganization}/approve`)
        .set(bearer(admin))
        .send({})
        .expect(200);
      await eventually(async () => (await feed(quiet)).body.items.length === 1, 'the in-app notification');
      expect(mailTo(quiet.email)).toHaveLength(0);

      const { owner: mailOnly, organizationId: mailOnlyOrganization } = await registerOrganization(api);
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(mailOnly))
        .send({ email: true, inApp: false, digest: 'off' })
        .expect(200);
      await api.http
        .post(`/api/v1/organizations/${mailOnlyOrganization}/approve`)
        .set(bearer(admin))
        .send({})
        .expect(200);
      await eventually(async () => mailTo(mailOnly.email).length === 1, 'the e-mail');
      expect((await feed(mailOnly)).body.items).toHaveLength(0);
    });

    it('retries a failing mail server, then leaves the job and the delivery visibly failed', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      mail.state.failing = true;
      try {
        await api.db.query(`UPDATE organizations SET status = 'approved' WHERE id = $1`, [organizationId]);
        // Written as already relayed, so the relay loop leaves it alone: this job, with quick retries, is the one under test.
        const [{ id: outboxId }] = await api.db.query(
          `INSERT INTO outbox (event_type, recipient_ids, payload, relayed_at)
           VALUES ('organization.approved', ARRAY[$1::uuid], jsonb_build_object('organizationId', $2::text), now())
           RETURNING id`,
          [owner.id, organizationId],
        );
        const queue = worker.get(JobProducer).queueFor(JobName.Deliver);
        const events = new QueueEvents(queue.name, {
          connection: queue.opts.connection,
          prefix: queue.opts.prefix,
        });
        await events.waitUntilReady();
        const job = await queue.add(
          JobName.Deliver,
          { outboxIds: [outboxId] },
          {
            jobId: `retry-test-${outboxId}`,
            attempts: 3,
            backoff: { type: 'exponential', delay: 50, jitter: 0.5 },
          },
        );
        await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/deliveries failed/);
        await events.close();
        const failed = (await queue.getJob(job.id!)) as Job;
        expect(await failed.getState()).toBe('failed');
        expect(failed.attemptsMade).toBe(3);
        const [delivery] = await api.db.query(
          `SELECT d.status, d.attempts, d.last_error FROM notification_deliveries d
             JOIN notifications n ON n.id = d.notification_id WHERE n.outbox_id = $1`,
          [outboxId],
        );
        expect(delivery).toEqual({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/451/) });
        expect(mailTo(owner.email)).toHaveLength(0);
        const stats = await api.http.get('/api/v1/admin/stats').set(bearer(admin)).expect(200);
        expect(stats.body.outbox.failedDeliveries).toBeGreaterThanOrEqual(1);
        expect(stats.body.queues.notifications.failed).toBeGreaterThanOrEqual(1);
      } finally {
        mail.state.failing = false;
      }
    });
  });

  describe('the in-app feed and preferences', () => {
    it('filters unread, marks one and then all as read, and hides other people’s', async () => {
      const { owner, organizationId } = await approvedOwner();
      await eventually(async () => (await feed(owner)).body.items.length === 1, 'the first notification');
      await api.http
        .post(`/api/v1/organizations/${organizationId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Review' })
        .expect(200);
      await eventually(async () => (await feed(owner)).body.items.length === 2, 'the second notification');
      const [newest, oldest] = (await feed(owner)).body.items;
      expect(newest.type).toBe('organization.suspended');
      const unreadCount = async (account: { accessToken: string }) =>
        (await api.http.get('/api/v1/me/notifications/unread-count').set(bearer(account)).expect(200)).body;
      expect(await unreadCount(owner)).toEqual({ count: 2 });
      await api.http.post(`/api/v1/me/notifications/${oldest.id}/read`).set(bearer(owner)).expect(204);
      expect(await unreadCount(owner)).toEqual({ count: 1 });
      expect((await feed(owner, '?unread=true')).body.items.map((item: { id: string }) => item.id)).toEqual([
        newest.id,
      ]);
      expect((await feed(owner, '?unread=false')).body.items.map((item: { id: string }) => item.id)).toEqual([
        oldest.id,
      ]);
      const stranger = await register(api);
      expectProblem(
        await api.http.post(`/api/v1/me/notifications/${newest.id}/read`).set(bearer(stranger)),
        404,
      );
      expectProblem(await api.http.post('/api/v1/me/notifications/nope/read').set(bearer(owner)), 400, 'id');
      await api.http.post('/api/v1/me/notifications/read-all').set(bearer(owner)).expect(204);
      expect((await feed(owner, '?unread=true')).body.items).toEqual([]);
      expect(await unreadCount(owner)).toEqual({ count: 0 });
      expect(await unreadCount(stranger)).toEqual({ count: 0 });
      expectProblem(await api.http.get('/api/v1/me/notifications/unread-count'), 401);
      expectProblem(await api.http.get('/api/v1/me/notifications'), 401);
      expectProblem(
        await api.http.get('/api/v1/me/notifications?unread=maybe').set(bearer(owner)),
        400,
        'unread',
      );
    });

    it('keeps preferences per person, with defaults, and validates them', async () => {
      const volunteer = await register(api);
      const defaults = await api.http
        .get('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .expect(200);
      expect(defaults.body).toEqual({
        email: true,
        inApp: true,
        digest: 'off',
        sms: false,
        quietHours: null,
      });
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .send({ email: false, inApp: true, digest: 'weekly' })
        .expect(200);
      const saved = await api.http
        .get('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .expect(200);
      expect(saved.body).toEqual({
        email: false,
        inApp: true,
        digest: 'weekly',
        sms: false,
        quietHours: null,
      });
      for (const [body, field] of [
        [{ email: 'yes', inApp: true, digest: 'off' }, 'email'],
        [{ email: true, inApp: true, digest: 'hourly' }, 'digest'],
        [{ email: true, digest: 'off' }, 'inApp'],
        [{ email: true, inApp: true, digest: 'off', sms: 'yes' }, 'sms'],
        [{ email: true, inApp: true, digest: 'off', quietHours: { from: '22:00' } }, 'quietHours.to'],
        [{ email: true, inApp: true, digest: 'off', quietHours: '22:00-07:00' }, 'quietHours'],
      ] as const) {
        expectProblem(
          await api.http.put('/api/v1/me/notification-preferences').set(bearer(volunteer)).send(body),
          400,
          field,
        );
      }
      // Texts need a verified phone (issue 16; the phone itself is tested in sms.e2e-spec.ts).
      expectProblem(
        await api.http
          .put('/api/v1/me/notification-preferences')
          .set(bearer(volunteer))
          .send({ email: true, inApp: true, digest: 'off', sms: true }),
        409,
      );
      expectProblem(await api.http.get('/api/v1/me/notification-preferences'), 401);
    });
  });

  describe('reminders', () => {
    it('schedules a reminder 24 hours ahead, moves it with the task, and removes it on withdrawal', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody({ startsAt: inHours(72), endsAt: inHours(74) }))
        .expect(201);
      const volunteer = await register(api);
      const signup = (
        await api.http.post(`/api/v1/tasks/${task.body.id}/signups`).set(bearer(volunteer)).send({})
      ).body;
      const queue = worker.get(JobProducer).queueFor(JobName.Reminder);
      const reminder = await eventually(() => queue.getJob(reminderJobId(signup.id)), 'the reminder job');
      expect(reminder.data.startsAt).toBe(new Date(task.body.startsAt).toISOString());
      const due = reminder.timestamp + (reminder.opts.delay ?? 0);
      expect(Math.abs(due - (new Date(task.body.startsAt).getTime() - 24 * HOUR))).toBeLessThan(60_000);

      const moved = inHours(96);
      await api.http
        .patch(`/api/v1/tasks/${task.body.id}`)
        .set(bearer(owner))
        .send({ startsAt: moved, endsAt: inHours(97) })
        .expect(200);
      await eventually(
        async () =>
          (await queue.getJob(reminderJobId(signup.id)))?.data.startsAt === new Date(moved).toISOString(),
        'the moved reminder',
      );

      // A reminder that fires for a confirmed volunteer becomes one outbox row, however often it fires.
      const reminders = worker.get(RemindersService);
      expect(await reminders.fire(signup.id, new Date(moved).toISOString())).toBe(true);
      expect(await reminders.fire(signup.id, new Date(moved).toISOString())).toBe(true);
      const [count] = await api.db.query(
        `SELECT count(*)::int AS count FROM outbox WHERE event_type = 'signup.reminder' AND payload->>'signupId' = $1`,
        [signup.id],
      );
      expect(count.count).toBe(1);
      // A stale reminder (the old time) sends nothing.
      expect(await reminders.fire(signup.id, new Date(task.body.startsAt).toISOString())).toBe(false);

      // Redis lost the job: the sweep rebuilds it from PostgreSQL.
      await queue.remove(reminderJobId(signup.id));
      expect(await reminders.sweep()).toBeGreaterThanOrEqual(1);
      expect((await queue.getJob(reminderJobId(signup.id)))?.data.startsAt).toBe(
        new Date(moved).toISOString(),
      );

      await api.http.delete(`/api/v1/tasks/${task.body.id}/signups/me`).set(bearer(volunteer)).expect(204);
      await eventually(async () => !(await queue.getJob(reminderJobId(signup.id))), 'the reminder to go');
      expect(await reminders.fire(signup.id, new Date(moved).toISOString())).toBe(false);
      // The reminder row written before the withdrawal is dropped at delivery, not sent.
      const [reminderRow] = await api.db.query(
        `SELECT id FROM outbox WHERE event_type = 'signup.reminder' AND payload->>'signupId' = $1`,
        [signup.id],
      );
      await api.db.query('DELETE FROM notifications WHERE outbox_id = $1', [reminderRow.id]);
      await worker.get(DeliveryService).deliver(reminderRow.id, false);
      expect(
        await api.db.query('SELECT 1 FROM notifications WHERE outbox_id = $1', [reminderRow.id]),
      ).toEqual([]);
    });
  });

  describe('digests', () => {
    it('sends a subscribed volunteer the new tasks that fit them, once per period', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      const volunteer = await register(api);
      await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send({ skills: ['beekeeping'], languages: [], availability: [], remote: false, campIds: [] })
        .expect(200);
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .send({ email: true, inApp: true, digest: 'daily' })
        .expect(200);
      const fitting = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody({ skills: ['beekeeping'], startsAt: inHours(30), endsAt: inHours(31) }))
        .expect(201);
      await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody({ skills: ['welding'], startsAt: inHours(30), endsAt: inHours(31) }))
        .expect(201);
      const digests = worker.get(DigestsService);
      const now = new Date();
      expect(await digests.send('daily', now)).toBeGreaterThanOrEqual(1);
      const rows = await api.db.query(
        `SELECT payload FROM outbox WHERE event_type = 'digest' AND $1 = ANY(recipient_ids)`,
        [volunteer.id],
      );
      expect(rows).toEqual([{ payload: { taskIds: [fitting.body.id], frequency: 'daily' } }]);
      await digests.send('daily', now);
      expect(
        await api.db.query(`SELECT 1 FROM outbox WHERE event_type = 'digest' AND $1 = ANY(recipient_ids)`, [
          volunteer.id,
        ]),
      ).toHaveLength(1);
      await eventually(
        async () => mailTo(volunteer.email).some((message) => /fit you/.test(message.subject)),
        'the digest',
      );
    });
  });

  describe('invitations and safeguarding clearances', () => {
    it('e-mails and shows an invitation to its invitee only', async () => {
      const { owner, organizationId } = await approvedOwner();
      const invitee = await register(api, 'coordinator');
      await api.http
        .post(`/api/v1/organizations/${organizationId}/invitations`)
        .set(bearer(owner))
        .send({ email: invitee.email })
        .expect(202);
      const message = await eventually(
        async () => mailTo(invitee.email).find((candidate) => /invites you to join$/.test(candidate.subject)),
        'the invitation e-mail',
      );
      expect(message.raw).toMatch(/Accept or decline/);
      const items = (await feed(invitee)).body.items;
      expect(items).toEqual([expect.objectContaining({ type: 'organization.invitation' })]);
    });

    it('tells the volunteer and the coordinators of a revocation, without its reason', async () => {
      const campId = await createCamp(api, admin);
      const { owner, organizationId, needId } = await organizationWithNeed(api, admin, campId);
      const volunteer = await register(api);
      const created = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody({ title: 'Safe space session', requiresSafeguarding: true }))
        .expect(201);
      const signup = await api.http
        .post(`/api/v1/tasks/${created.body.id}/signups`)
        .set(bearer(volunteer))
        .send({})
        .expect(201);
      const clearance = await api.http
        .post(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .set(bearer(owner))
        .send({ volunteerId: volunteer.id, validUntil: inYears(1) })
        .expect(201);
      await api.http.post(`/api/v1/signups/${signup.body.id}/approve`).set(bearer(owner)).expect(200);
      const reminders = worker.get(JobProducer).queueFor(JobName.Reminder);
      await eventually(() => reminders.getJob(reminderJobId(signup.body.id)), 'the reminder job');
      await api.http
        .delete(`/api/v1/organizations/${organizationId}/safeguarding-clearances/${clearance.body.id}`)
        .set(bearer(owner))
        .send({ reason: 'Confidential concern raised by a partner' })
        .expect(204);
      const toVolunteer = await eventually(
        async () =>
          mailTo(volunteer.email).find((candidate) =>
            /^Your safeguarding clearance was revoked$/.test(candidate.subject),
          ),
        'the volunteer’s revocation e-mail',
      );
      expect(toVolunteer.raw).toMatch(/Safe space session/);
      const toOwner = await eventually(
        async () =>
          mailTo(owner.email).find((candidate) => /^Safeguarding clearance revoked/.test(candidate.subject)),
        'the coordinators’ revocation e-mail',
      );
      expect(toOwner.raw).toMatch(/back to review/);
      for (const message of [toVolunteer, toOwner]) expect(message.raw).not.toMatch(/Confidential concern/);
      // The place is back under review: its reminder goes.
      await eventually(
        async () => !(await reminders.getJob(reminderJobId(signup.body.id))),
        'the reminder to go',
      );
    });

    it('warns the volunteer 30 days before a clearance ends, once', async () => {
      const campId = await createCamp(api, admin);
      const { owner, organizationId, needId } = await organizationWithNeed(api, admin, campId);
      const volunteer = await register(api);
      const created = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody())
        .expect(201);
      await api.http
        .post(`/api/v1/tasks/${created.body.id}/signups`)
        .set(bearer(volunteer))
        .send({})
        .expect(201);
      const soon = new Date(Date.now() + 20 * 24 * HOUR).toISOString().slice(0, 10);
      // Messages write the day out in the reader's language (English here).
      const soonInWords = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(new Date(`${soon}T00:00:00Z`));
      await api.http
        .post(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .set(bearer(owner))
        .send({ volunteerId: volunteer.id, validUntil: soon })
        .expect(201);
      const safeguarding = worker.get(SafeguardingService);
      expect(await safeguarding.warnExpiring()).toBeGreaterThanOrEqual(1);
      expect(await safeguarding.warnExpiring()).toBe(0);
      await eventually(
        async () => mailTo(volunteer.email).some((candidate) => candidate.subject.includes(soonInWords)),
        'the expiry warning',
      );
      await eventually(
        async () => mailTo(owner.email).some((candidate) => candidate.subject.includes(soonInWords)),
        'the coordinators’ expiry warning',
      );
      expect(
        mailTo(volunteer.email).filter((candidate) => candidate.subject.includes(soonInWords)),
      ).toHaveLength(1);
    });
  });

  describe('the person’s own data', () => {
    it('exports their notifications and preferences, and forgets both when the account is deleted', async () => {
      const { owner, organizationId } = await approvedOwner();
      await eventually(async () => (await feed(owner)).body.items.length === 1, 'the notification');
      const exported = await api.http.get('/api/v1/me/export').set(bearer(owner)).expect(200);
      expect(exported.body.notifications).toEqual([
        expect.objectContaining({ type: 'organization.approved' }),
      ]);
      // A sole owner hands the organisation over before leaving Haven.
      const successor = await joinOrganization(api, owner, organizationId);
      await api.http
        .patch(`/api/v1/organizations/${organizationId}/members/${successor.id}`)
        .set(bearer(owner))
        .send({ memberRole: 'owner' })
        .expect(200);
      await api.http.delete('/api/v1/me').set(bearer(owner)).send({ password: owner.password }).expect(204);
      const [left] = await api.db.query(
        `SELECT (SELECT count(*)::int FROM notifications WHERE user_id = $1) AS notifications`,
        [owner.id],
      );
      expect(left.notifications).toBe(0);
    });
  });

  describe('operations', () => {
    it('shows outbox lag and queue depths in readiness and admin stats', async () => {
      const ready = await api.http.get('/health/ready').set(bearer(admin)).expect(200);
      expect(ready.body.details.notifications).toEqual(
        expect.objectContaining({
          status: 'up',
          outbox: expect.objectContaining({
            pending: expect.any(Number),
            oldestPendingSeconds: expect.any(Number),
          }),
          queues: expect.objectContaining({
            notifications: expect.objectContaining({ waiting: expect.any(Number) }),
          }),
        }),
      );
      const stats = await api.http.get('/api/v1/admin/stats').set(bearer(admin)).expect(200);
      expect(stats.body.queues.system).toEqual(expect.objectContaining({ failed: expect.any(Number) }));
    });

    it('opens the queues dashboard to admins through a short-lived HTTP-only cookie, and to nobody else', async () => {
      expectProblem(await api.http.get('/admin/queues'), 401);
      expectProblem(await api.http.get('/admin/queues').set(bearer(admin)), 401);
      const volunteer = await register(api);
      expectProblem(await api.http.post('/api/v1/admin/queues/session').set(bearer(volunteer)), 403);
      const opened = await api.http.post('/api/v1/admin/queues/session').set(bearer(admin)).expect(200);
      const cookie = String(opened.headers['set-cookie']);
      expect(cookie).toMatch(
        /^haven_queues=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict/,
      );
      const page = await api.http.get('/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
      expect(page.text).toContain('__UI_CONFIG__');
      const queues = await api.http
        .get('/admin/queues/api/queues')
        .set('Cookie', cookie.split(';')[0])
        .expect(200);
      expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
        'notifications',
        'system',
      ]);
      expectProblem(await api.http.get('/admin/queues').set('Cookie', 'haven_queues=forged'), 401);
      // A suspended admin's cookie stops working at once.
      const other = await registerAdmin(api);
      const theirs = String(
        (await api.http.post('/api/v1/admin/queues/session').set(bearer(other)).expect(200)).headers[
          'set-cookie'
        ],
      );
      await api.http
        .post(`/api/v1/admin/users/${other.id}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Left' })
        .expect(200);
      expectProblem(await api.http.get('/admin/queues').set('Cookie', theirs.split(';')[0]), 401);
    });
  });
});
