import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api/problem';
import { problemText } from './field-errors';

export function Skeletons({ count = 3 }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="skeleton" />
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const text = error instanceof ApiError ? problemText(error, t) : t('errors.network');
  return (
    <div className="banner error" role="alert">
      <span>{text}</span>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Loading, error, then the content: every page that reads the API goes through this. */
export function Loaded<T>({
  query,
  children,
  skeletons,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  skeletons?: number;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return <Skeletons count={skeletons} />;
}

export function Status({ value, label }: { value: string; label: string }) {
  return <span className={`status ${value}`}>{label}</span>;
}

export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <>
      <div className="spread">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </>
  );
}
