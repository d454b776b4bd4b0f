'use client';
/**
 * A dashboard's arrangement being edited: components dragged into order (by pointer, or by keyboard
 * on the handle: Space, arrows, Space), each with a width of 1-4 columns, a title, a remove
 * button; a report added from the viewer's reports. Nothing is saved until the page saves `value`.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from '@dnd-kit/sortable';
import { DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Typography } from 'antd';
import type { Label } from '../../core/i18n';
import { useT } from '../i18n';
import styles from './dashboards.module.css';
import { chartHeight, DashboardCardBody } from './DashboardCard';
import { gridSpan, moveComponent, widthOf, removeComponent, resizeComponent, retitle, retitleComponent } from './layout';
import type { ComponentView, DashboardComponent } from './types';

export interface DashboardEditorProps {
  value: DashboardComponent[];
  runs: Map<string, ComponentView>;
  /** Report labels by name, for components added in this edit. */
  reportLabels: Map<string, Label | string>;
  onChange(next: DashboardComponent[]): void;
}

export function DashboardEditor({ value, runs, reportLabels, onChange }: DashboardEditorProps) {
  const { tr, label } = useT();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const titleOf = (c: DashboardComponent) => {
    const own = c.title ? label(c.title) : '';
    const report = c.type === 'approvals' ? undefined : reportLabels.get(c.report);
    return own || runs.get(c.id)?.title || (typeof report === 'string' ? report : label(report)) || (c.type === 'approvals' ? '' : c.report);
  };
  const byId = (id: UniqueIdentifier) => value.find((c) => c.id === id);
  const position = (id: UniqueIdentifier | undefined) => value.findIndex((c) => c.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => tr('dashui.picked', { title: titleOf(byId(active.id)!) }),
    onDragOver: ({ active, over }) => (over ? tr('dashui.over', { title: titleOf(byId(active.id)!), position: position(over.id), count: value.length }) : undefined),
    onDragEnd: ({ active, over }) => (over ? tr('dashui.moved', { title: titleOf(byId(active.id)!), position: position(over.id), count: value.length }) : undefined),
    onDragCancel: ({ active }) => tr('dashui.dropCancelled', { title: titleOf(byId(active.id)!) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onChange(moveComponent(value, String(active.id), String(over.id)));
  };
  if (value.length === 0) return <Empty description={tr('dashui.emptyLayout')} />;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: tr('dashui.editHint') } }}
    >
      <SortableContext items={value.map((c) => c.id)} strategy={rectSortingStrategy}>
        <ol className={styles.grid}>
          {value.map((c) => (
            <EditableComponent
              key={c.id}
              component={c}
              title={titleOf(c)}
              run={runs.get(c.id)}
              onResize={(columns) => onChange(resizeComponent(value, c.id, columns))}
              onRetitle={(title) => onChange(retitleComponent(value, c.id, title))}
              onRemove={() => onChange(removeComponent(value, c.id))}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

interface EditableProps {
  component: DashboardComponent;
  title: string;
  run?: ComponentView;
  onResize(columns: number): void;
  onRetitle(title: Label | undefined): void;
  onRemove(): void;
}

function EditableComponent({ component, title, run, onResize, onRetitle, onRemove }: EditableProps) {
  const { tr, label, locale } = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: component.id });
  const width = widthOf(component);
  const style = { ...gridSpan(component), transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition };
  return (
    <li ref={setNodeRef} style={style} className={`${styles.item} ${isDragging ? styles.dragging : ''}`}>
      <Card
        size="small"
        title={
          <div className={styles.editBar}>
            <Button
              ref={setActivatorNodeRef}
              className={styles.handle}
              icon={<HolderOutlined aria-hidden />}
              aria-label={tr('dashui.move', { title })}
              {...attributes}
              {...listeners}
            />
            <Input
              aria-label={tr('dashui.rename', { title })}
              value={component.title ? label(component.title) : ''}
              placeholder={title}
              onChange={(e) => onRetitle(retitle(component.title, e.target.value, locale))}
              style={{ flex: '1 1 140px', minWidth: 0 }}
            />
          </div>
        }
        extra={<Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={tr('dashui.remove', { title })} onClick={onRemove} />}
      >
        <Select
          aria-label={tr('dashui.width', { title })}
          value={width}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: tr('dashui.columns', { count: n }) }))}
          onChange={(n: number) => onResize(n)}
          style={{ width: 140, marginBottom: 8 }}
        />
        {run ? (
          <div inert>
            <DashboardCardBody run={run} height={chartHeight(1)} />
          </div>
        ) : (
          <Typography.Paragraph type="secondary">{title}</Typography.Paragraph>
        )}
      </Card>
    </li>
  );
}
