/** Text of the record path, the kanban, stage history and form rules in forms, in English and Simplified Chinese. */
export const PATH_MESSAGES = {
  'path.moveFailed': { en: 'Cannot move to {stage}', zh: '无法推进到"{stage}"' },
  'kanban.noProcess': { en: '{object} has no sales process', zh: '{object}没有销售流程' },
  'kanban.hint': { en: 'Drag a card to another column, or use its "Move to" list', zh: '拖动卡片到其他列，或使用卡片上的"移到"列表' },
} as const;
