'use client';
/**
 * The list on a phone: one card per record (its name, up to three key fields of the view, the
 * owner), so a rep reads a row without scrolling sideways.
 */
import { Typography } from 'antd';
import { displayValue } from '../format';
import { useT } from '../i18n';
import { RecordLink } from '../RecordLink';
import type { FieldInfo, RecordValues } from '../types';
import styles from './list.module.css';

export interface RecordCardsProps {
  object: string;
  records: RecordValues[];
  /** The view's columns, first the name column. */
  columns: FieldInfo[];
  owner?: FieldInfo;
  selected: string[];
  onSelect(id: string, on: boolean): void;
}

export function RecordCards({ object, records, columns, owner, selected, onSelect }: RecordCardsProps) {
  const { tr, label, locale } = useT();
  const [first, ...rest] = columns;
  const keyFields = rest.filter((f) => f.name !== 'owner').slice(0, 3);
  if (!records.length)
    return (
      <p className={styles.cards}>
        <Typography.Text type="secondary">{tr('ui.empty')}</Typography.Text>
      </p>
    );
  return (
    <ul className={styles.cards} aria-label={tr('ui.view')} data-testid="record-cards">
      {records.map((rec) => {
        const id = String(rec.id);
        const name = displayValue(first, rec, locale) || id;
        return (
          // Plain elements: the cards come with the server's HTML next to the table.
          <li key={id} className={styles.card}>
            <div className={styles.cardHead}>
              <input
                type="checkbox"
                checked={selected.includes(id)}
                onChange={(e) => onSelect(id, e.target.checked)}
                aria-label={tr('list.selectRow', { name: String(rec.name ?? id) })}
              />
              <RecordLink object={object} recordId={id} className={styles.cardTitle}>
                {name}
              </RecordLink>
            </div>
            <dl className={styles.cardFields}>
              {keyFields.map((f) => {
                const v = displayValue(f, rec, locale);
                return v === '' ? null : (
                  <div key={f.name}>
                    <dt>{label(f.label)}</dt>
                    <dd>{v}</dd>
                  </div>
                );
              })}
              {owner && (
                <div>
                  <dt>{label(owner.label)}</dt>
                  <dd>{displayValue(owner, rec, locale)}</dd>
                </div>
              )}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
