'use client';
/**
 * Drag and drop of the builder (@dnd-kit): fields dragged from the palette into Columns or Group by,
 * items sorted within a list (mouse, touch or keyboard). Every drag has a button equivalent.
 */
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { HolderOutlined } from '@ant-design/icons';
import type { ListName } from './definition';
import styles from './builder.module.css';

/** A field of the palette, dragged by its handle. */
export function DraggableField({ path, type, label, children }: { path: string; type: string; label: string; children: React.ReactNode }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `field:${path}`, data: { kind: 'field', path, type } });
  return (
    <li className={styles.paletteItem} style={{ opacity: isDragging ? 0.5 : 1 }} data-field={path}>
      <span ref={setNodeRef} className={styles.handle} {...listeners} {...attributes} aria-label={label} aria-roledescription="draggable field">
        <HolderOutlined aria-hidden /> {label}
      </span>
      {children}
    </li>
  );
}

/** A list that fields are dropped into and whose items sort. */
export function DropList({ list, ids, label, empty, children }: { list: ListName; ids: string[]; label: string; empty: string; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `zone:${list}`, data: { kind: 'zone', list } });
  return (
    <section aria-label={label} className={styles.zone} data-zone={list}>
      <div className={styles.zoneTitle}>{label}</div>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className={`${styles.zoneList} ${isOver ? styles.zoneOver : ''}`}>
          {ids.length === 0 && <li className={styles.zoneEmpty}>{empty}</li>}
          {children}
        </ul>
      </SortableContext>
    </section>
  );
}

/** An item of a drop list, sorted by its handle. */
export function SortableItem({
  id,
  list,
  index,
  label,
  invalid,
  children,
}: {
  id: string;
  list: ListName;
  index: number;
  label: string;
  invalid?: boolean;
  children?: React.ReactNode;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id, data: { kind: 'item', list, index } });
  return (
    <li
      ref={setNodeRef}
      className={`${styles.item} ${invalid ? styles.itemInvalid : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-item={id}
    >
      <span className={styles.handle} {...listeners} {...attributes} aria-label={label} aria-roledescription="sortable item">
        <HolderOutlined aria-hidden /> {label}
      </span>
      {children}
    </li>
  );
}
