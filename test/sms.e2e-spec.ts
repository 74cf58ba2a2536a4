import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { expectProblem } from '@haven/testing';
import { RemindersService, smsSize, SmsDelivery } from '@haven/notifications';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { loadFacts } from '../libs/notifications/src/templates/facts';
import { renderSms } from '../libs/notifications/src/templates/render';
import { htmlOf, startMailCapture } from './support/mail-capture';
import { eventually } from './support/polling';
import { SmppCapture } from './support/smpp-capture';
import {
  Account,
  bearer,
  createCamp,
  HOUR,
  inHours,
  organizationWithNeed,
  register,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/** Fictional numbers of the plan's example range (libphonenumber's example mobile for Iraq). */
let numbers = 0;
const newNumber = () => `+96479123456${String(10 + (numbers++ % 89)).padStart(2, '0')}`;

/** Issue 16: phones verified by a code, and texts through a real SMPP server and the real worker. */
describe('phones and SMS (e2e)', () => {
  let api: TestApi;
  let smsc: SmppCapture;
  let mail: Awaited<ReturnType<typeof startMailCapture>>;
  let worker: INestApplicationContext;
  let admin: Account;
  let campId: string;

  beforeAll(async () => {
    smsc = await SmppCapture.start();
    mail = await startMailCapture();
    api = await startTestApi({ MAIL_URL: mail.url, SMS_URL: smsc.url });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), { logger: false });
    worker.enableShutdownHooks();
    await worker.init();
    admin = await registerAdmin(api);
    campId = await createCamp(api, admin);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await mail.close();
    await smsc.stop();
  });

  const me = async (account: Account) =>
    (await api.http.get('/api/v1/me').set(bearer(account)).expect(200)).body;

  /** Waits for the `count`-th text to the number and returns the code in it. */
  const codeFor = async (number: string, count = 1) => {
    const texts = await eventually(async () => {
      const found = smsc.textsTo(number);
      return found.length >= count ? found : undefined;
    }, `text ${count} to a test number`);
    const code = /\b(\d{6})\b/.exec(texts[count - 1].text)![1];
    // The SMSC sees the text just before the transaction that sent it commits the hash.
    await eventually(
      async () =>
        (
          await api.db.query('SELECT 1 FROM user_phones WHERE code_hash IS NOT NULL AND number = $1', [
            number,
          ])
        ).length > 0,
      'the code to be committed',
    );
    return code;
  };

  /** A volunteer with a verified phone and texts switched on. */
  const textingVolunteer = async (locale: 'en' | 'ar' | 'ckb' | 'kmr' = 'en') => {
    const volunteer = await register(api, 'volunteer');
    await api.http.patch('/api/v1/me').set(bearer(volunteer)).send({ locale }).expect(200);
    const number = newNumber();
    await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone: number }).expect(202);
    const code = await codeFor(number, smsc.textsTo(number).length + 1);
    await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }).expect(204);
    await api.http
      .put('/api/v1/me/notification-preferences')
      .set(bearer(volunteer))
      .send({ email: true, inApp: true, digest: 'off', sms: true })
      .expect(200);
    return { ...volunteer, number };
  };

  /** A task at the test camp with the volunteer confirmed on it. */
  const confirmedTask = async (volunteer: Account, overrides: Record<string, unknown> = {}) => {
    const { owner, needId } = await organizationWithNeed(api, admin, campId);
    const task = await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ startsAt: inHours(30), endsAt: inHours(32), ...overrides }))
      .expect(201);
    const signup = await api.http
      .post(`/api/v1/tasks/${task.body.id}/signups`)
      .set(bearer(volunteer))
      .send({})
      .expect(201);
    expect(signup.body.status).toBe('confirmed');
    return {
      owner,
      taskId: task.body.id as string,
      startsAt: task.body.startsAt as string,
      signupId: signup.body.id,
    };
  };

  /** The expected text, rendered from the outbox row's facts as the worker renders it. */
  const expectedText = async (
    type: string,
    locale: 'en' | 'ar' | 'ckb' | 'kmr',
    key: string,
    value: string,
  ) => {
    const [row] = await api.db.query(
      `SELECT payload FROM outbox WHERE event_type = $1 AND payload->>$2 = $3`,
      [type, key, value],
    );
    return renderSms(type, await loadFacts(api.db.manager, row.payload), locale)!;
  };

  /** Quiet hours for the two hours around now, at the test camp (Asia/Amman). */
  const quietNow = () => {
    const local = (offsetHours: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Amman',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(Date.now() + offsetHours * HOUR));
    return { from: local(-1), to: local(1) };
  };

  describe('phone verification', () => {
    it('sends a 6-digit code kept only as a hash, verifies it, and shows the number to its owner alone', async () => {
      const volunteer = await register(api, 'volunteer');
      expect((await me(volunteer)).phone).toBeNull();
      const number = newNumber();
      // Typed with spaces, stored in E.164.
      await api.http
        .put('/api/v1/me/phone')
        .set(bearer(volunteer))
        .send({ phone: `${number.slice(0, 4)} ${number.slice(4, 7)} ${number.slice(7)}` })
        .expect(202);
      const code = await codeFor(number);
      expect(smsc.textsTo(number)[0].text).toMatch(/^Haven: your code is \d{6}\./);
      const [row] = await api.db.query(
        'SELECT number, code_hash, code_tries FROM user_phones WHERE user_id = $1',
        [volunteer.id],
      );
      expect(row.number).toBe(number);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.code_hash).not.toContain(code);
      const [dump] = await api.db.query(`SELECT string_agg(payload::text, ' ') AS text FROM outbox`);
      expect(dump.text).not.toContain(code);
      expect((await me(volunteer)).phone).toEqual({ number, verified: false });

      const wrong = code === '000000' ? '000001' : '000000';
      expectProblem(
        await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code: wrong }),
        400,
        'code',
      );
      await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }).expect(204);
      expect((await me(volunteer)).phone).toEqual({ number, verified: true });
      // Used: the same code again is refused.
      expectProblem(
        await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }),
        400,
        'code',
      );

      const exported = await api.http.get('/api/v1/me/export').set(bearer(volunteer)).expect(200);
      expect(exported.body.phone).toEqual({ number, verified: true });
      // Only volunteers have one: a coordinator's /me carries no phone field.
      const coordinator = await register(api, 'coordinator');
      expect((await me(coordinator)).phone).toBeUndefined();
    });

    it('refuses malformed numbers and codes, and anyone but a volunteer', async () => {
      const volunteer = await register(api, 'volunteer');
      for (const phone of ['07912345678', '+1', 'call me', '+96479123456789012345', '+442079460000', 12345]) {
        expectProblem(
          await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone }),
          400,
          'phone',
        );
      }
      expectProblem(await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({}), 400, 'phone');
      for (const code of ['12345', '1234567', 'abcdef', 123456]) {
        expectProblem(
          await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }),
          400,
          'code',
        );
      }
      // No code was ever sent: any code is wrong.
      expectProblem(
        await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code: '123456' }),
        400,
        'code',
      );
      const coordinator = await register(api, 'coordinator');
      expectProblem(
        await api.http.put('/api/v1/me/phone').set(bearer(coordinator)).send({ phone: newNumber() }),
        403,
      );
      expectProblem(await api.http.put('/api/v1/me/phone').send({ phone: newNumber() }), 401);
    });

    it('lets a code be tried 5 times, then it is used up', async () => {
      const volunteer = await register(api, 'volunteer');
      const number = newNumber();
      await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone: number }).expect(202);
      const code = await codeFor(number, smsc.textsTo(number).length + 1);
      const wrong = code === '999999' ? '999998' : '999999';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await api.http
          .post('/api/v1/me/phone/verify')
          .set(bearer(volunteer))
          .send({ code: wrong })
          .expect(400);
      }
      expectProblem(
        await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }),
        400,
        'code',
      );
      expect((await me(volunteer)).phone.verified).toBe(false);
    });

    it('lets a code lapse after 10 minutes', async () => {
      const volunteer = await register(api, 'volunteer');
      const number = newNumber();
      await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone: number }).expect(202);
      const code = await codeFor(number, smsc.textsTo(number).length + 1);
      const [row] = await api.db.query(
        `SELECT extract(epoch FROM code_expires_at - updated_at)::int AS seconds FROM user_phones WHERE user_id = $1`,
        [volunteer.id],
      );
      expect(Math.round(row.seconds / 60)).toBe(10);
      await api.db.query(
        `UPDATE user_phones SET code_expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [volunteer.id],
      );
      expectProblem(
        await api.http.post('/api/v1/me/phone/verify').set(bearer(volunteer)).send({ code }),
        400,
        'code',
      );
    });

    it('limits codes per account and per number', async () => {
      const volunteer = await register(api, 'volunteer');
      for (let count = 0; count < 5; count += 1) {
        await api.http
          .put('/api/v1/me/phone')
          .set(bearer(volunteer))
          .send({ phone: newNumber() })
          .expect(202);
      }
      expectProblem(
        await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone: newNumber() }),
        429,
      );

      const shared = newNumber();
      for (let count = 0; count < 3; count += 1) {
        const someone = await register(api, 'volunteer');
        await api.http.put('/api/v1/me/phone').set(bearer(someone)).send({ phone: shared }).expect(202);
      }
      const fourth = await register(api, 'volunteer');
      expectProblem(await api.http.put('/api/v1/me/phone').set(bearer(fourth)).send({ phone: shared }), 429);
    });

    it('needs a verified phone for texts (409), and removing the phone switches them off', async () => {
      const volunteer = await register(api, 'volunteer');
      const preferences = {
        email: true,
        inApp: true,
        digest: 'off',
        sms: true,
        quietHours: { from: '22:00', to: '07:00' },
      };
      expectProblem(
        await api.http.put('/api/v1/me/notification-preferences').set(bearer(volunteer)).send(preferences),
        409,
      );
      expectProblem(
        await api.http
          .put('/api/v1/me/notification-preferences')
          .set(bearer(volunteer))
          .send({ ...preferences, sms: false, quietHours: { from: '25:00', to: '07:00' } }),
        400,
        'quietHours.from',
      );
      const texting = await textingVolunteer();
      const saved = await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(texting))
        .send(preferences)
        .expect(200);
      expect(saved.body).toEqual(preferences);
      await api.http.delete('/api/v1/me/phone').set(bearer(texting)).expect(204);
      expect((await me(texting)).phone).toBeNull();
      const after = await api.http
        .get('/api/v1/me/notification-preferences')
        .set(bearer(texting))
        .expect(200);
      expect(after.body.sms).toBe(false);
    });

    it('forgets the number when the account is deleted', async () => {
      const volunteer = await textingVolunteer();
      await api.http
        .delete('/api/v1/me')
        .set(bearer(volunteer))
        .send({ password: volunteer.password })
        .expect(204);
      expect(await api.db.query('SELECT 1 FROM user_phones WHERE user_id = $1', [volunteer.id])).toEqual([]);
    });
  });

  describe('texts', () => {
    it('sends a reminder once, in Arabic for an Arabic-speaking volunteer, in the segments expected; the receipt is kept', async () => {
      const volunteer = await textingVolunteer('ar');
      const { signupId, startsAt } = await confirmedTask(volunteer);
      const before = smsc.textsTo(volunteer.number).length;
      const reminders = worker.get(RemindersService);
      expect(await reminders.fire(signupId, new Date(startsAt).toISOString())).toBe(true);
      const texts = await eventually(async () => {
        const found = smsc.textsTo(volunteer.number);
        return found.length > before ? found : undefined;
      }, 'the reminder text');
      const expected = await expectedText('signup.reminder', 'ar', 'signupId', signupId);
      const reminder = texts[before];
      expect(reminder.text).toBe(expected);
      expect(reminder.text).toContain('تذكير');
      expect(reminder.dataCoding).toBe(8); // UCS-2
      expect(reminder.segments).toBe(smsSize(expected).segments);
      expect(reminder.segments).toBeLessThanOrEqual(2);

      const [delivery] = await eventually(async () => {
        const rows = await api.db.query(
          `SELECT d.status, d.provider_id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = $1 AND n.type = 'signup.reminder' AND d.channel = 'sms' AND d.status = 'sent'`,
          [volunteer.id],
        );
        return rows.length ? rows : undefined;
      }, 'the sent delivery');
      // Firing again (a retried job) sends nothing more.
      expect(await reminders.fire(signupId, new Date(startsAt).toISOString())).toBe(true);
      smsc.receipt(delivery.provider_id.split(' ')[0], 'DELIVRD');
      await eventually(
        async () =>
          (
            await api.db.query(`SELECT receipt FROM notification_deliveries WHERE provider_id = $1`, [
              delivery.provider_id,
            ])
          )[0]?.receipt === 'DELIVRD',
        'the receipt',
      );
      expect(smsc.textsTo(volunteer.number)).toHaveLength(before + 1);
      // The same reminder by e-mail, in Arabic, right to left.
      const html = await eventually(
        async () =>
          mail.messages
            .filter((message) => message.to.includes(volunteer.email.toLowerCase()))
            .map((message) => htmlOf(message.raw))
            .find((candidate) => candidate.includes('تذكير')),
        'the reminder e-mail',
      );
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('<body dir="rtl"');
    });

    it('holds a text through quiet hours and releases it when they end', async () => {
      const volunteer = await textingVolunteer('kmr');
      // Quiet for the two hours around now, at the camp (Asia/Amman).
      const local = (offsetHours: number) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Amman',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(Date.now() + offsetHours * HOUR));
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .send({
          email: false,
          inApp: true,
          digest: 'off',
          sms: true,
          quietHours: { from: local(-1), to: local(1) },
        })
        .expect(200);
      const { owner, taskId } = await confirmedTask(volunteer);
      const before = smsc.textsTo(volunteer.number).length;
      await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ startsAt: inHours(50), endsAt: inHours(52) })
        .expect(200);
      const held = await eventually(async () => {
        const rows = await api.db.query(
          `SELECT d.notification_id, d.status, d.hold_until FROM notification_deliveries d
             JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = $1 AND n.type = 'task.changed' AND d.channel = 'sms'`,
          [volunteer.id],
        );
        return rows.length ? rows[0] : undefined;
      }, 'the held delivery');
      expect(held.status).toBe('pending');
      expect(new Date(held.hold_until).getTime()).toBeGreaterThan(Date.now());
      const sms = worker.get(SmsDelivery);
      expect(await sms.releaseHeld()).toBe(0);
      expect(smsc.textsTo(volunteer.number)).toHaveLength(before);
      // The quiet hours end.
      await api.db.query(`UPDATE notification_deliveries SET hold_until = now() WHERE notification_id = $1`, [
        held.notification_id,
      ]);
      expect(await sms.releaseHeld()).toBe(1);
      const texts = smsc.textsTo(volunteer.number);
      expect(texts).toHaveLength(before + 1);
      expect(texts[before].text).toBe(await expectedText('task.changed', 'kmr', 'taskId', taskId));
      expect(await sms.releaseHeld()).toBe(0);
    });

    it('drops a held text whose number replied STOP before the quiet hours ended', async () => {
      const volunteer = await textingVolunteer();
      await api.http
        .put('/api/v1/me/notification-preferences')
        .set(bearer(volunteer))
        .send({ email: false, inApp: true, digest: 'off', quietHours: quietNow() })
        .expect(200);
      const { owner, taskId } = await confirmedTask(volunteer);
      const before = smsc.textsTo(volunteer.number).length;
      await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(owner)).send({}).expect(200);
      const held = await eventually(async () => {
        const rows = await api.db.query(
          `SELECT d.notification_id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = $1 AND n.type = 'task.cancelled' AND d.channel = 'sms' AND d.hold_until IS NOT NULL`,
          [volunteer.id],
        );
        return rows[0];
      }, 'the held text');
      smsc.reply(volunteer.number, 'STOP');
      await eventually(
        async () =>
          (await api.http.get('/api/v1/me/notification-preferences').set(bearer(volunteer)).expect(200)).body
            .sms === false,
        'texts to be switched off',
      );
      await api.db.query(`UPDATE notification_deliveries SET hold_until = now() WHERE notification_id = $1`, [
        held.notification_id,
      ]);
      expect(await worker.get(SmsDelivery).releaseHeld()).toBe(0);
      expect(smsc.textsTo(volunteer.number)).toHaveLength(before);
      expect(
        await api.db.query(
          `SELECT 1 FROM notification_deliveries WHERE notification_id = $1 AND channel = 'sms'`,
          [held.notification_id],
        ),
      ).toEqual([]);
    });

    it('switches texts off for a number that replies STOP', async () => {
      const volunteer = await textingVolunteer();
      smsc.reply(volunteer.number, 'stop');
      await eventually(
        async () =>
          (await api.http.get('/api/v1/me/notification-preferences').set(bearer(volunteer)).expect(200)).body
            .sms === false,
        'texts to be switched off',
      );
      const { owner, taskId } = await confirmedTask(volunteer);
      await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(owner)).send({}).expect(200);
      await eventually(
        async () =>
          (
            await api.db.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'task.cancelled'`, [
              volunteer.id,
            ])
          ).length > 0,
        'the cancellation',
      );
      expect(
        await api.db.query(
          `SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = $1 AND d.channel = 'sms' AND n.type = 'task.cancelled'`,
          [volunteer.id],
        ),
      ).toEqual([]);
    });

    it('loses nothing while the SMSC is down: the text goes out once it is back', async () => {
      const volunteer = await textingVolunteer('ckb');
      const { owner, taskId } = await confirmedTask(volunteer);
      const before = smsc.textsTo(volunteer.number).length;
      await smsc.stop();
      await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(owner)).send({}).expect(200);
      const failed = await eventually(async () => {
        const rows = await api.db.query(
          `SELECT d.attempts, d.last_error FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = $1 AND n.type = 'task.cancelled' AND d.channel = 'sms' AND d.attempts > 0`,
          [volunteer.id],
        );
        return rows.length ? rows[0] : undefined;
      }, 'a failed attempt');
      expect(failed.last_error).not.toContain(volunteer.number.slice(1));
      await smsc.restart();
      const texts = await eventually(
        async () => {
          const found = smsc.textsTo(volunteer.number);
          return found.length > before ? found : undefined;
        },
        'the text after the SMSC came back',
        { timeoutMs: 60_000 },
      );
      expect(texts[before].text).toBe(await expectedText('task.cancelled', 'ckb', 'taskId', taskId));
      await eventually(
        async () =>
          (
            await api.db.query(
              `SELECT d.status FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
                WHERE n.user_id = $1 AND n.type = 'task.cancelled' AND d.channel = 'sms'`,
              [volunteer.id],
            )
          )[0]?.status === 'sent',
        'the delivery to be sent',
      );
      expect(smsc.textsTo(volunteer.number)).toHaveLength(before + 1);
    });
  });
});

describe('phones when SMS is off (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ SMS_URL: 'off' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses a phone with 409 and sends nothing', async () => {
    const volunteer = await register(api, 'volunteer');
    expectProblem(
      await api.http.put('/api/v1/me/phone').set(bearer(volunteer)).send({ phone: newNumber() }),
      409,
    );
    expect(await api.db.query('SELECT 1 FROM user_phones WHERE user_id = $1', [volunteer.id])).toEqual([]);
  });
});
