import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { WEB_DIST } from '../apps/api/src/web/web-app';
import { launchChromium, newContext, screenshot, seriousViolations } from './support/browser';
import { startMailCapture } from './support/mail-capture';
import { eventually } from './support/polling';
import { SmppCapture } from './support/smpp-capture';
import { Account, bearer, register, startTestApi, TestApi } from './support/test-api';

/**
 * Issue 16 in a real browser: a volunteer adds a phone, gets the code through a real SMPP server
 * and the real worker, confirms it, switches texts on and sets quiet hours; in English and in
 * Arabic (right to left), at 390 and 1280 px. Screenshots go to artifacts/web (git-ignored).
 */
jest.setTimeout(240_000);

/** Fictional numbers of libphonenumber's example range for Iraq, as the SMS suite uses. */
const NUMBER = '+9647912345691';
const TYPED = '+964 791 234 5691';
const ARABIC_TYPED = '+٩٦٤ ٧٩١ ٢٣٤ ٥٦٩١';

describe('phone and texts in the web app (browser e2e)', () => {
  let api: TestApi;
  let smsc: SmppCapture;
  let worker: INestApplicationContext;
  let mail: Awaited<ReturnType<typeof startMailCapture>>;
  let browser: Browser;
  let base: string;
  let volunteer: Account;
  let page: Page;
  const contexts: BrowserContext[] = [];

  async function open(width: 390 | 1280): Promise<Page> {
    const context = await newContext(browser, width);
    contexts.push(context);
    const opened = await context.newPage();
    opened.on('pageerror', (error) => {
      throw error;
    });
    return opened;
  }

  async function signIn(on: Page) {
    await on.goto(`${base}/sign-in`);
    await on.getByLabel('E-mail').fill(volunteer.email);
    await on.getByLabel('Password', { exact: true }).fill(volunteer.password);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  /** Waits for the `count`-th text to the number, and for its code's hash to be committed. */
  async function codeFor(count: number): Promise<string> {
    const texts = await eventually(async () => {
      const found = smsc.textsTo(NUMBER);
      return found.length >= count ? found : undefined;
    }, `text ${count} to the test number`);
    await eventually(
      async () =>
        (
          await api.db.query('SELECT 1 FROM user_phones WHERE code_hash IS NOT NULL AND number = $1', [
            NUMBER,
          ])
        ).length > 0,
      'the code to be committed',
    );
    return /\b(\d{6})\b/.exec(texts[count - 1].text)![1];
  }

  async function expectAccessible(on: Page) {
    await on.waitForLoadState('networkidle');
    expect(await seriousViolations(on)).toEqual([]);
  }

  /** The error shown under a field, read through its aria-describedby as a screen reader does. */
  async function fieldError(field: Locator): Promise<string> {
    await web(field).toHaveAttribute('aria-invalid', 'true');
    const id = (await field.getAttribute('aria-describedby'))!
      .split(' ')
      .find((entry) => entry.endsWith('-error'))!;
    return (await field.page().locator(`[id="${id}"]`).textContent()) ?? '';
  }

  const preferences = async () =>
    (await api.http.get('/api/v1/me/notification-preferences').set(bearer(volunteer)).expect(200)).body;

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      throw new Error(`No web build at ${WEB_DIST}: run \`npm run build:web\` first (npm test does).`);
    }
    smsc = await SmppCapture.start();
    mail = await startMailCapture();
    api = await startTestApi({ MAIL_URL: mail.url, SMS_URL: smsc.url });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), { logger: false });
    await worker.init();
    await api.app.listen(0, '127.0.0.1');
    base = `http://localhost:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    volunteer = await register(api, 'volunteer');
    browser = await launchChromium();
  });

  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/\W+/g, '-').slice(0, 60) ?? 'test';
    let index = 0;
    for (const context of contexts)
      for (const open of context.pages())
        await screenshot(open, `after-sms-${name}-${index++}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await api?.close();
    await mail?.close();
    await smsc?.stop();
  });

  it('a volunteer confirms a phone with the code texted to it (a wrong number and code shown on their fields)', async () => {
    page = await open(390);
    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Account', exact: true })
      .click();
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.getByRole('heading', { name: 'Phone for text messages' }).waitFor();
    // No phone yet: texts cannot be switched on.
    const sms = page.getByRole('checkbox', { name: /text messages \(SMS\)/ });
    expect(await sms.isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'en-390-phone-empty');

    const number = page.getByLabel('Mobile number');
    await number.fill('12345');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    expect(await fieldError(number)).toMatch(/^Must be a mobile number in international form/);
    await screenshot(page, 'en-390-phone-invalid');
    expect(smsc.textsTo(NUMBER)).toHaveLength(0);

    await number.fill(TYPED);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText('We sent a text message with a 6-digit code to:').waitFor();
    await page.getByText(NUMBER, { exact: true }).waitFor();
    const code = await codeFor(1);
    const codeField = page.getByLabel('The 6-digit code');
    // Too short: said at once, without a try spent at the server.
    await codeField.fill('123');
    await page.getByRole('button', { name: 'Confirm the number' }).click();
    expect(await fieldError(codeField)).toBe('Enter all 6 digits of the code.');
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm the number' }).click();
    await eventually(
      async () => /wrong, used up or expired/i.test(await fieldError(codeField)),
      'the wrong code',
    );
    const [{ code_tries }] = await api.db.query('SELECT code_tries FROM user_phones WHERE number = $1', [
      NUMBER,
    ]);
    expect(code_tries).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'en-390-phone-code');

    await codeField.fill(code.replace(/(\d{3})/, '$1 '));
    await page.getByRole('button', { name: 'Confirm the number' }).click();
    await page.getByText('Text messages go to:').waitFor();
    await page.getByText('Confirmed', { exact: true }).waitFor();
    const me = (await api.http.get('/api/v1/me').set(bearer(volunteer)).expect(200)).body;
    expect(me.phone).toEqual({ number: NUMBER, verified: true });
  });

  it('switches texts on and sets quiet hours', async () => {
    const sms = page.getByRole('checkbox', { name: /text messages \(SMS\)/ });
    await web(sms).toBeEnabled();
    await sms.check();
    await page.getByRole('checkbox', { name: 'No text messages between these times' }).check();
    await page.getByLabel('From', { exact: true }).fill('22:00');
    await page.getByLabel('Until', { exact: true }).fill('07:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await preferences()).toMatchObject({ sms: true, quietHours: { from: '22:00', to: '07:00' } });
    await expectAccessible(page);
    await screenshot(page, 'en-390-phone-verified');

    const wide = await open(1280);
    await signIn(wide);
    await wide.goto(`${base}/notifications/settings`);
    await wide.getByText('Text messages go to:').waitFor();
    expect(await wide.getByRole('checkbox', { name: /text messages \(SMS\)/ }).isChecked()).toBe(true);
    expect(await wide.getByLabel('From', { exact: true }).inputValue()).toBe('22:00');
    await screenshot(wide, 'en-1280-phone-verified');
  });

  it('reads in Arabic right to left, and takes a number typed in Arabic digits', async () => {
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await web(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('heading', { name: 'الهاتف للرسائل النصية' }).waitFor();
    await screenshot(page, 'ar-390-phone-verified');

    // Removing the number stops texts at once.
    await page.getByRole('button', { name: 'احذف هذا الرقم' }).click();
    await page.getByText('حُذف الرقم. توقفت الرسائل النصية.').waitFor();
    await eventually(async () => (await preferences()).sms === false, 'texts off after removal');
    await web(page.getByRole('checkbox', { name: /رسائل نصية للتذكير/ })).toBeDisabled();
    await screenshot(page, 'ar-390-phone-empty');

    const number = page.getByLabel('رقم الجوال');
    await number.fill('٠٧٩١');
    await page.getByRole('button', { name: 'أرسل لي رمزًا' }).click();
    expect(await fieldError(number)).toMatch(/^لا يمكننا إرسال رسائل نصية إلى هذا الرقم/);
    await number.fill(ARABIC_TYPED);
    await page.getByRole('button', { name: 'أرسل لي رمزًا' }).click();
    await page.getByText('أرسلنا رسالة نصية فيها رمز من 6 أرقام إلى:').waitFor();
    const code = await codeFor(2);
    // The text itself is in Arabic: the account's language.
    expect(smsc.textsTo(NUMBER)[1].text).toMatch(/[\u0600-\u06ff]/);
    await page.getByLabel('الرمز المكوّن من 6 أرقام').fill('١٢٣');
    await page.getByRole('button', { name: 'أكّد الرقم' }).click();
    await page.getByText('أدخل أرقام الرمز الستة كلها.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'ar-390-phone-code');
    const arabicDigits = code.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
    await page.getByLabel('الرمز المكوّن من 6 أرقام').fill(arabicDigits);
    await page.getByRole('button', { name: 'أكّد الرقم' }).click();
    await page.getByText('تصل الرسائل النصية إلى:').waitFor();
    await page.getByRole('checkbox', { name: /رسائل نصية للتذكير/ }).check();
    await page.getByRole('button', { name: 'حفظ' }).click();
    await eventually(async () => (await preferences()).sms === true, 'texts on again');
    await expectAccessible(page);
    await screenshot(page, 'ar-390-phone-verified-again');

    const wide = contexts[1].pages()[0];
    await wide.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await web(wide.locator('html')).toHaveAttribute('dir', 'rtl');
    // Opened before the number changed: a reload reads the account again.
    await wide.reload();
    await wide.getByText('تصل الرسائل النصية إلى:').waitFor();
    await web(wide.locator('html')).toHaveAttribute('dir', 'rtl');
    await screenshot(wide, 'ar-1280-phone-verified');
  });
});

/** Waiting assertions on Playwright locators, without pulling in Playwright's test runner. */
function web(locator: Locator) {
  return {
    toBeEnabled: () => eventually(async () => locator.isEnabled(), 'enabled'),
    toBeDisabled: () => eventually(async () => locator.isDisabled(), 'disabled'),
    toHaveAttribute: (name: string, value: string) =>
      eventually(async () => (await locator.getAttribute(name)) === value, `${name}="${value}"`),
  };
}
