import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import type { NeedItem } from '../lib/api/types';

/** Pledged and delivered against what is wanted, as a bar with the figures spelled out. */
export function SupplyBar({ item }: { item: NeedItem }) {
  const { t, i18n } = useTranslation();
  const share = (value: number) => `${Math.min(100, (value / Math.max(1, item.quantity)) * 100)}%`;
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <div>
      <div className="bar" aria-hidden="true">
        <span style={{ inlineSize: share(item.pledged) }} />
        <span className="delivered" style={{ inlineSize: share(item.delivered) }} />
      </div>
      <p className="meta">
        {t('supplies.figures', {
          pledged: n(item.pledged),
          delivered: n(item.delivered),
          quantity: n(item.quantity),
          unit: item.unit,
        })}
      </p>
    </div>
  );
}
