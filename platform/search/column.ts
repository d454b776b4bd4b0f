/**
 * The pinyin column of every record table (`tessera_py`: "initials full" of the name, see
 * pinyin.ts). Two prefix indexes serve it: the whole column for initials ("zj%"), and its second
 * word for full pinyin ("zhoujie%"); text_pattern_ops makes LIKE 'x%' an index range whatever the
 * database's collation.
 */
import { dbName } from '../schema/names';
import type { MaintainedColumn } from '../schema/maintained';
import { pinyinKey } from './pinyin';

export const PINYIN_COLUMN = 'tessera_py';

// Latin names have no pinyin: the indexes hold Chinese names only.
const NAMED = `"${PINYIN_COLUMN}" IS NOT NULL`;

/** The full-pinyin half of the column, as its index is built (queries must repeat it exactly). */
export const PINYIN_FULL_SQL = (alias: string) => `split_part("${alias}"."${PINYIN_COLUMN}", ' ', 2)`;

export const pinyinColumn: MaintainedColumn = {
  column: PINYIN_COLUMN,
  sqlType: 'text',
  source: 'name',
  indexes: (table) => [
    { name: dbName(table, 'py_initials'), body: `("${PINYIN_COLUMN}" text_pattern_ops)`, where: NAMED },
    { name: dbName(table, 'py_full'), body: `((split_part("${PINYIN_COLUMN}", ' ', 2)) text_pattern_ops)`, where: NAMED },
  ],
  compute: pinyinKey,
};
