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

/** A field's shell (label, hint, error) and the attributes its control carries to point at them. */
function useField<Rest>(props: FieldShell & Rest) {
  const { label, hint, name, error: _error, localError: _localError, ...rest } = props;
  const { id, message, describedBy } = useFieldShell(props);
  const control = {
    id,
    name,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy,
    ...rest,
  };
  const shell = (children: ReactNode) => (
    <Shell id={id} label={label} hint={hint} message={message}>
      {children}
    </Shell>
  );
  return { control, shell };
}

export function TextField(props: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const { control, shell } = useField(props);
  return shell(<input {...control} />);
}

export function TextArea(props: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { control, shell } = useField(props);
  return shell(<textarea {...control} />);
}

export function SelectField({
  children,
  ...props
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const { control, shell } = useField(props);
  return shell(<select {...control}>{children}</select>);
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
