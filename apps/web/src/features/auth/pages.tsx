import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError, TextField, formValues } from '../../components/form';
import { api, unwrap } from '../../lib/api/client';
import type { Role, Session } from '../../lib/api/types';
import { useAuth } from '../../lib/auth';

function EmailField({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('auth.email')}
      name="email"
      type="email"
      autoComplete="email"
      required
      error={error}
    />
  );
}

/** A password being chosen: at least 12 characters, checked here before the API is asked. */
function NewPasswordField({
  label,
  error,
  localError,
}: {
  label: string;
  error: unknown;
  localError?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label}
      hint={t('auth.passwordHint')}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      minLength={12}
      error={error}
      localError={localError}
    />
  );
}

function useAfterSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return () => navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
}

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn, status } = useAuth();
  const done = useAfterSignIn();
  const mutation = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      unwrap<Session>(api.POST('/api/v1/auth/login', { body })),
    onSuccess: async (session) => {
      await signIn(session);
      done();
    },
  });
  useEffect(() => {
    if (status === 'signedIn') done();
  }, [status]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    mutation.mutate({ email: values.email, password: values.password });
  };
  return (
    <div className="form-narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <p>{t('auth.signInIntro')}</p>
      <form onSubmit={submit} noValidate className="card">
        <FormError error={mutation.error} fields={['email', 'password']} />
        <EmailField error={mutation.error} />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={mutation.error}
        />
        <button className="button block" type="submit" disabled={mutation.isPending}>
          {t('auth.signIn')}
        </button>
        <p className="center" style={{ marginBlockStart: 12 }}>
          <Link to="/forgot-password">{t('auth.forgot')}</Link>
        </p>
      </form>
      <p className="center">
        {t('auth.noAccount')} <Link to="/register">{t('auth.register')}</Link>
      </p>
    </div>
  );
}

const REGISTER_FIELDS = ['email', 'password', 'displayName', 'role'];

export function RegisterPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [role, setRole] = useState<Exclude<Role, 'admin'>>('volunteer');
  const [localError, setLocalError] = useState<string>();
  const mutation = useMutation({
    mutationFn: (body: {
      email: string;
      password: string;
      displayName: string;
      role: Exclude<Role, 'admin'>;
    }) => unwrap<Session>(api.POST('/api/v1/auth/register', { body })),
    onSuccess: async (session) => {
      const me = await signIn(session);
      navigate(me.role === 'coordinator' ? '/organization' : '/profile', {
        replace: true,
        state: { welcome: true },
      });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    if ((values.password ?? '').length < 12) {
      setLocalError(t('auth.passwordShort'));
      return;
    }
    setLocalError(undefined);
    mutation.mutate({
      email: values.email,
      password: values.password,
      displayName: values.displayName,
      role,
    });
  };
  return (
    <div className="form-narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={submit} noValidate className="card">
        <FormError error={mutation.error} fields={REGISTER_FIELDS} />
        <fieldset>
          <legend className="field">{t('auth.roleQuestion')}</legend>
          <div className="choice-cards">
            {(['volunteer', 'coordinator'] as const).map((value) => (
              <label key={value} className="choice-card">
                <input
                  type="radio"
                  name="role"
                  value={value}
                  checked={role === value}
                  onChange={() => setRole(value)}
                />
                <span>
                  <strong>{t(`auth.role.${value}`)}</strong>
                  <br />
                  <span className="meta">{t(`auth.roleHint.${value}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          error={mutation.error}
        />
        <EmailField error={mutation.error} />
        <NewPasswordField label={t('auth.password')} error={mutation.error} localError={localError} />
        <button className="button block" type="submit" disabled={mutation.isPending}>
          {t('auth.createAccount')}
        </button>
      </form>
      <p className="center">
        {t('auth.haveAccount')} <Link to="/sign-in">{t('auth.signIn')}</Link>
      </p>
    </div>
  );
}

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status, reload } = useAuth();
  const sent = useRef(false);
  const mutation = useMutation({
    mutationFn: () => unwrap<void>(api.POST('/api/v1/auth/verify-email', { body: { token } })),
    onSuccess: () => (status === 'signedIn' ? reload().catch(() => undefined) : undefined),
  });
  // Sent once the session is known, so a signed-in person's account is re-read after it.
  useEffect(() => {
    if (token && !sent.current && status !== 'loading') {
      sent.current = true;
      mutation.mutate();
    }
  }, [token, mutation, status]);
  return (
    <div className="form-narrow card">
      <h1>{t('auth.verifyTitle')}</h1>
      {!token && <p>{t('auth.verifyMissing')}</p>}
      {mutation.isPending && <p role="status">{t('auth.verifying')}</p>}
      {mutation.isSuccess && (
        <p className="banner ok" role="status">
          {t('auth.verified')}
        </p>
      )}
      {mutation.isError && (
        <p className="banner error" role="alert">
          {t('auth.verifyFailed')}
        </p>
      )}
      <Link className="button" to={status === 'signedIn' ? '/' : '/sign-in'}>
        {t('common.continue')}
      </Link>
    </div>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const mutation = useMutation({
    mutationFn: (email: string) => unwrap<void>(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
  return (
    <div className="form-narrow">
      <h1>{t('auth.forgotTitle')}</h1>
      {mutation.isSuccess ? (
        <p className="banner ok" role="status">
          {t('auth.resetSent')}
        </p>
      ) : (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate(formValues(event.currentTarget).email);
          }}
        >
          <p>{t('auth.forgotIntro')}</p>
          <FormError error={mutation.error} fields={['email']} />
          <EmailField error={mutation.error} />
          <button className="button block" type="submit" disabled={mutation.isPending}>
            {t('auth.sendLink')}
          </button>
        </form>
      )}
      <p className="center">
        <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
      </p>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [localError, setLocalError] = useState<string>();
  const mutation = useMutation({
    mutationFn: (password: string) =>
      unwrap<void>(
        api.POST('/api/v1/auth/password-reset/confirm', {
          body: { token: params.get('token') ?? '', password },
        }),
      ),
  });
  return (
    <div className="form-narrow">
      <h1>{t('auth.resetTitle')}</h1>
      {mutation.isSuccess ? (
        <div className="card">
          <p className="banner ok" role="status">
            {t('auth.resetDone')}
          </p>
          <Link className="button" to="/sign-in">
            {t('auth.signIn')}
          </Link>
        </div>
      ) : (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const { password } = formValues(event.currentTarget);
            if (password.length < 12) return setLocalError(t('auth.passwordShort'));
            setLocalError(undefined);
            mutation.mutate(password);
          }}
        >
          <FormError error={mutation.error} fields={['password']} />
          <NewPasswordField label={t('auth.newPassword')} error={mutation.error} localError={localError} />
          <button className="button block" type="submit" disabled={mutation.isPending}>
            {t('auth.setPassword')}
          </button>
        </form>
      )}
    </div>
  );
}
