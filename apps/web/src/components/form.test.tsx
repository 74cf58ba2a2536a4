import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TextArea, TextField, FormError } from './form';
import { ApiError } from '../lib/api/problem';
import { changeLocale, setupI18n } from '../lib/i18n';

const PERSONAL = 'Amira, tent 14, call +962 79 123 4567';
const privacyRefusal = new ApiError({
  type: 'urn:haven:problem:personal_data',
  title: 'Unprocessable Entity',
  status: 422,
  detail: 'The text carries personal details of a person.',
  errors: [{ field: 'description', message: 'contains a phone number' }],
});

describe('fields show the problem+json errors that name them', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  beforeEach(async () => {
    await changeLocale('en');
  });

  it('shows the privacy guard refusal on its field, in the reader’s language, without repeating the text', async () => {
    const english = render(
      <>
        <TextField label="Title" name="title" defaultValue="Classes" error={privacyRefusal} />
        <TextArea label="Description" name="description" defaultValue={PERSONAL} error={privacyRefusal} />
      </>,
    );
    const description = screen.getByLabelText('Description');
    expect(description.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(description.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(message.textContent).toMatch(/^This looks like it names or describes a person/);
    expect(message.textContent).not.toContain('Amira');
    expect(message.textContent).not.toContain('4567');
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBeNull();
    english.unmount();

    await changeLocale('ar');
    render(<TextArea label="الوصف" name="description" error={privacyRefusal} />);
    expect(screen.getByText(/يبدو أن هذا النص يسمّي شخصًا/)).toBeTruthy();
  });

  it('shows a validation message on the field it names, and a form message for the rest', async () => {
    const invalid = new ApiError({
      type: 'urn:haven:problem:validation',
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'items.0.quantity', message: 'must not be less than 1' },
        { field: 'capacity', message: 'must be at most 1000' },
      ],
    });
    render(
      <form>
        <FormError error={invalid} fields={['items.0.quantity']} />
        <TextField label="Quantity" name="items.0.quantity" error={invalid} />
      </form>,
    );
    expect(screen.getByText('Must not be less than 1.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Please check the marked fields.');
  });

  it('names a lost connection plainly', () => {
    render(<FormError error={new TypeError('Failed to fetch')} fields={[]} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'No connection. Please try again when you are online.',
    );
  });
});
