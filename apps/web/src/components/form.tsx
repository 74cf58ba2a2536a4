import {
  useId,
  type ReactNode,
  type SelectHTMLAttributes,
  type InputHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage, formMessage } from './field-errors';

interface FieldShell {
  label: string;
  hint?: ReactNode;
  /** The API field name whose errors show here. */
  name: string;
  error?: unknown;
  localError?: string;
}

function useFieldShell({ name, error, localError, hint }: FieldShell) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const message = localError ?? fieldMessage(error, name, t, i18n.language);
  const describedBy =
    [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, message, describedBy };
}

function Shell({
  id,
  label,
  hint,
  message,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  message?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {message && (
        <p className="error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

export function TextField(props: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const { label, hint, name, error, localError, ...rest } = props;
  const { id, message, describedBy } = useFieldShell(props);
  return (
    <Shell id={id} label={label} hint={hint} message={message}>
      <input
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </Shell>
  );
}

export function TextArea(props: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { label, hint, name, error, localError, ...rest } = props;
  const { id, message, describedBy } = useFieldShell(props);
  return (
    <Shell id={id} label={label} hint={hint} message={message}>
      <textarea
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </Shell>
  );
}

export function SelectField(
  props: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode },
) {
  const { label, hint, name, error, localError, children, ...rest } = props;
  const { id, message, describedBy } = useFieldShell(props);
  return (
    <Shell id={id} label={label} hint={hint} message={message}>
      <select
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      >
        {children}
      </select>
    </Shell>
  );
}

export function Check({ label, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="check">
      <input type="checkbox" {...rest} />
      <span>{label}</span>
    </label>
  );
}

/** The form's own error (one that names no field on it), announced to screen readers. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  const { t } = useTranslation();
  const message = formMessage(error, fields, t);
  if (!message) return null;
  return (
    <div className="banner error" role="alert">
      {message}
    </div>
  );
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}
