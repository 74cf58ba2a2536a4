import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Check, SelectField, TextField } from '../../components/form';
import { Empty, Loaded, Page } from '../../components/states';
import { CATEGORIES } from '../../lib/api/types';
import { useCamps, useTasks, type TaskFilters } from './api';
import { TaskCard } from './components';

const FILTER_KEYS: (keyof TaskFilters)[] = [
  'category',
  'campId',
  'skill',
  'language',
  'remote',
  'from',
  'to',
  'hasSpace',
];

/** Browse upcoming tasks; the filters live in the address so a filtered list can be shared. */
export function BrowseTasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: TaskFilters = {};
  for (const key of FILTER_KEYS) filters[key] = params.get(key) ?? undefined;
  const tasks = useTasks(filters);
  const camps = useCamps();
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = end.current;
    if (!node || !tasks.hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !tasks.isFetchingNextPage)
        void tasks.fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [tasks]);

  const set = (key: keyof TaskFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = tasks.data?.pages.flatMap((page) => page.items);

  return (
    <Page title={t('browse.title')}>
      <details className="card" open={typeof window !== 'undefined' && window.innerWidth > 720}>
        <summary>{t('browse.filters')}</summary>
        <div className="grid-2">
          <SelectField
            label={t('browse.category')}
            name="category"
            value={filters.category ?? ''}
            onChange={(event) => set('category', event.target.value)}
          >
            <option value="">{t('browse.any')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`categories.${category}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('browse.camp')}
            name="campId"
            value={filters.campId ?? ''}
            onChange={(event) => set('campId', event.target.value)}
          >
            <option value="">{t('browse.any')}</option>
            {camps.data?.items.map((camp) => (
              <option key={camp.id} value={camp.id}>
                {camp.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('browse.skill')}
            name="skill"
            defaultValue={filters.skill}
            onBlur={(event) => set('skill', event.target.value.trim())}
          />
          <TextField
            label={t('browse.language')}
            hint={t('browse.languageHint')}
            name="language"
            defaultValue={filters.language}
            onBlur={(event) => set('language', event.target.value.trim())}
          />
          <TextField
            label={t('browse.from')}
            name="from"
            type="date"
            value={filters.from ?? ''}
            onChange={(event) => set('from', event.target.value)}
          />
          <TextField
            label={t('browse.to')}
            name="to"
            type="date"
            value={filters.to ?? ''}
            onChange={(event) => set('to', event.target.value)}
          />
        </div>
        <Check
          label={t('browse.remoteOnly')}
          checked={filters.remote === 'true'}
          onChange={(event) => set('remote', event.target.checked ? 'true' : '')}
        />
        <Check
          label={t('browse.hasSpace')}
          checked={filters.hasSpace === 'true'}
          onChange={(event) => set('hasSpace', event.target.checked ? 'true' : '')}
        />
      </details>
      <Loaded query={{ ...tasks, data: items }}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('browse.empty')}</Empty>
          ) : (
            <ul className="list" aria-label={t('browse.results')}>
              {list.map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <div ref={end} />
      {tasks.hasNextPage && (
        <button
          type="button"
          className="button secondary block"
          onClick={() => void tasks.fetchNextPage()}
          disabled={tasks.isFetchingNextPage}
        >
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
