/**
 * Problems in formulas (formula fields, validation rules), in English and Simplified Chinese.
 * `{pos}` is the 1-based character position shown to people; the API also gives the 0-based offset.
 */
export const FORMULA_MESSAGES = {
  // type names, as messages quote them
  'formula.type.number': { en: 'a number', zh: '数字' },
  'formula.type.text': { en: 'text', zh: '文本' },
  'formula.type.boolean': { en: 'true/false', zh: '布尔值' },
  'formula.type.date': { en: 'a date', zh: '日期' },
  'formula.type.datetime': { en: 'a date/time', zh: '日期时间' },
  'formula.or': { en: '{a} or {b}', zh: '{a}或{b}' },
  // argument counts
  'formula.args.exact': { en: '{n}', zh: '{n} 个' },
  'formula.args.range': { en: '{min} to {max}', zh: '{min} 到 {max} 个' },
  'formula.args.atLeast': { en: 'at least {min}', zh: '至少 {min} 个' },
  // syntax
  'formula.empty': { en: 'The formula is empty', zh: '公式为空' },
  'formula.tooLong': { en: 'The formula is longer than {max} characters', zh: '公式超过 {max} 个字符' },
  'formula.tooDeep': { en: 'The formula is nested more than {max} levels deep at position {pos}', zh: '公式嵌套超过 {max} 层（位置 {pos}）' },
  'formula.tooComplex': {
    en: 'The formula is too complex once the formula fields it uses are expanded (at position {pos})',
    zh: '展开引用的公式字段后，公式过于复杂（位置 {pos}）',
  },
  'formula.badCharacter': { en: 'Unexpected character "{char}" at position {pos}', zh: '位置 {pos} 处有无法识别的字符"{char}"' },
  'formula.unclosedString': { en: 'The text starting at position {pos} has no closing quote', zh: '位置 {pos} 开始的文本缺少结束引号' },
  'formula.badEscape': {
    en: 'Unknown escape "{escape}" at position {pos} (use \\\\, \\", \\\', \\n, \\r or \\t)',
    zh: '位置 {pos} 处的转义"{escape}"无法识别（可用 \\\\、\\"、\\\'、\\n、\\r、\\t）',
  },
  'formula.unexpectedToken': { en: 'Unexpected "{token}" at position {pos}', zh: '位置 {pos} 处不应出现"{token}"' },
  'formula.unexpectedEnd': { en: 'The formula ends too early at position {pos}: {expected} is missing', zh: '公式在位置 {pos} 处意外结束：缺少{expected}' },
  'formula.unclosedParen': { en: 'The parenthesis opened at position {pos} is never closed', zh: '位置 {pos} 处的括号没有闭合' },
  'formula.expect.operand': { en: 'a value', zh: '值' },
  'formula.expect.name': { en: 'a field name', zh: '字段名' },
  'formula.expect.close': { en: '")"', zh: '")"' },
  // names
  'formula.unknownFunction': { en: 'Unknown function "{name}" at position {pos}', zh: '位置 {pos} 处的函数"{name}"不存在' },
  'formula.argCount': {
    en: '{name} takes {expected} argument(s), found {count}, at position {pos}',
    zh: '{name} 需要{expected}参数，实际有 {count} 个（位置 {pos}）',
  },
  'formula.caseArgs': {
    en: 'CASE takes an expression, value/result pairs and an else result (an even number of arguments, at least 4), found {count}, at position {pos}',
    zh: 'CASE 需要一个表达式、若干值/结果对和一个默认结果（偶数个参数，至少 4 个），实际有 {count} 个（位置 {pos}）',
  },
  'formula.unknownField': { en: 'Unknown field "{name}" at position {pos}', zh: '位置 {pos} 处的字段"{name}"不存在' },
  'formula.notLookup': { en: '"{name}" is not a lookup, so no field can follow it (at position {pos})', zh: '"{name}"不是查找关系字段，不能再引用其字段（位置 {pos}）' },
  'formula.unknownObject': { en: 'The object "{object}" that "{name}" points to does not exist (at position {pos})', zh: '"{name}"指向的对象"{object}"不存在（位置 {pos}）' },
  'formula.pathTooLong': { en: 'At most {max} lookups can be followed in a row, at position {pos}', zh: '最多连续引用 {max} 层查找关系（位置 {pos}）' },
  'formula.unsupportedField': { en: 'Field "{name}" ({type}) cannot be used in formulas, at position {pos}', zh: '字段"{name}"（{type}）不能用于公式（位置 {pos}）' },
  'formula.circular': { en: 'Circular reference: {chain} (at position {pos})', zh: '循环引用：{chain}（位置 {pos}）' },
  'formula.invalidField': { en: 'Formula field "{name}" has errors of its own (at position {pos})', zh: '公式字段"{name}"本身有错误（位置 {pos}）' },
  'formula.ruleOnly': { en: '{name} can be used only in validation rules, at position {pos}', zh: '{name} 只能用于验证规则（位置 {pos}）' },
  'formula.fieldArgument': { en: '{name} expects a field of this object, at position {pos}', zh: '{name} 的参数必须是本对象的字段（位置 {pos}）' },
  // types
  'formula.operandType': {
    en: 'Operator "{op}" expects {expected}, found {found}, at position {pos}',
    zh: '运算符"{op}"需要{expected}，实际是{found}（位置 {pos}）',
  },
  'formula.argumentType': {
    en: 'Argument {n} of {name} expects {expected}, found {found}, at position {pos}',
    zh: '{name} 的第 {n} 个参数需要{expected}，实际是{found}（位置 {pos}）',
  },
  'formula.compareType': { en: 'Cannot compare {left} with {right} at position {pos}', zh: '不能比较{left}和{right}（位置 {pos}）' },
  'formula.branchType': {
    en: 'The results of {name} must have one type: found {first} and {second}, at position {pos}',
    zh: '{name} 的各个结果必须是同一类型：出现了{first}和{second}（位置 {pos}）',
  },
  'formula.resultType': { en: 'The formula must give {expected}, but it gives {found}', zh: '公式的结果必须是{expected}，实际是{found}' },
} as const satisfies Record<string, { en: string; zh: string }>;
