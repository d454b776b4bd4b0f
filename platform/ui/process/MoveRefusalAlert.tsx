'use client';
/** Why a move to a stage was refused: every missing thing the server listed, one per line. */
import { Alert } from 'antd';
import { useT } from '../i18n';
import type { MoveRefusal } from './useMoveToStage';

export function MoveRefusalAlert({ refusal, onClose }: { refusal: MoveRefusal | null; onClose(): void }) {
  const { tr } = useT();
  if (!refusal) return null;
  const { error, stage } = refusal;
  const validation = error.code === 'VALIDATION_FAILED' && error.details.length > 0;
  return (
    <Alert
      role="alert"
      type="error"
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={validation ? tr('path.missing', { stage }) : tr('path.moveFailed', { stage })}
      description={
        validation ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {error.details.map((d, i) => (
              <li key={`${d.pointer}-${i}`}>{d.message}</li>
            ))}
          </ul>
        ) : (
          error.message
        )
      }
    />
  );
}
