import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart in plain SVG and CSS, with the figures as text beside each bar, so it
 * reads the same to a screen reader and mirrors in right-to-left pages. Only the reports and
 * admin pages import it, so it loads with them.
 */
export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit?: string }) {
  const { i18n } = useTranslation();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure className="card" style={{ margin: 0, marginBlockEnd: 12 }}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <table className="data" style={{ border: 0 }}>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row" style={{ inlineSize: '35%', fontWeight: 400 }}>
                {bar.label}
              </th>
              <td>
                <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <svg width="100%" height="18" aria-hidden="true" style={{ flex: 1 }}>
                    <rect
                      x="0"
                      y="2"
                      width={`${(bar.value / max) * 100}%`}
                      height="14"
                      rx="3"
                      fill="#1f5f5b"
                      className="chart-bar"
                    />
                  </svg>
                  <span style={{ minInlineSize: '3.5rem', textAlign: 'end' }}>
                    {formatNumber(bar.value, i18n.language)}
                    {unit ? ` ${unit}` : ''}
                  </span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
