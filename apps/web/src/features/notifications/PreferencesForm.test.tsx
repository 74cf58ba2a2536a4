import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { changeLocale, setupI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/api/problem';
import type { Preferences } from '../../lib/api/types';
import { PreferencesForm } from './PreferencesForm';

const current: Preferences = { email: true, inApp: true, sms: false, digest: 'off', quietHours: null };
const idle = () => ({ mutate: vi.fn(), error: null, isPending: false, isSuccess: false });

describe('notification preferences form', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(async () => {
    await changeLocale('en');
  });

  it('keeps the texts switch off and says why until a phone is confirmed', () => {
    render(<PreferencesForm current={current} showSms phoneVerified={false} save={idle()} />);
    const sms = screen.getByRole('checkbox', { name: /text messages \(SMS\)/ });
    expect((sms as HTMLInputElement).disabled).toBe(true);
    const hint = document.getElementById(sms.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/add your phone above and confirm it/);
  });

  it('switches texts on and sets quiet hours once the phone is confirmed', () => {
    const save = idle();
    render(<PreferencesForm current={current} showSms phoneVerified save={save} />);
    const sms = screen.getByRole('checkbox', { name: /text messages \(SMS\)/ });
    expect((sms as HTMLInputElement).disabled).toBe(false);
    fireEvent.click(sms);
    expect(screen.queryByLabelText('From')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'No text messages between these times' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '22:30' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '06:15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(save.mutate).toHaveBeenCalledWith({
      email: true,
      inApp: true,
      sms: true,
      digest: 'off',
      quietHours: { from: '22:30', to: '06:15' },
    });
  });

  it('shows the server’s error on the quiet hours field it names', () => {
    const error = new ApiError({
      type: 'urn:haven:problem:validation',
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'quietHours.to', message: 'must be a time HH:MM' }],
    });
    render(
      <PreferencesForm
        current={{ ...current, sms: true, quietHours: { from: '22:00', to: '07:00' } }}
        showSms
        phoneVerified
        save={{ ...idle(), error }}
      />,
    );
    const to = screen.getByLabelText('Until');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Must be a time HH:MM.')).toBeTruthy();
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows no texts or quiet hours to someone who is not a volunteer', () => {
    render(<PreferencesForm current={current} showSms={false} phoneVerified={false} save={idle()} />);
    expect(screen.queryByRole('checkbox', { name: /text messages/ })).toBeNull();
    expect(screen.queryByText('Quiet hours')).toBeNull();
  });
});
