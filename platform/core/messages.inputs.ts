/** Text of form inputs (typed numbers), number display and the language switch, in English and Simplified Chinese. */
export const INPUT_MESSAGES = {
  'input.number.notANumber': { en: '"{text}" is not a number', zh: '“{text}”不是有效的数字' },
  'input.number.grouping': { en: '"{text}": separate thousands in groups of three (1,234,567)', zh: '“{text}”：千位分隔符应每三位一组（如 1,234,567）' },
  'input.number.tooLarge': { en: '"{text}" is too large', zh: '“{text}”超出了可保存的范围' },
  'input.number.notWhole': { en: '"{text}" is not a whole number', zh: '“{text}”不是整数' },
  'input.number.parsed': { en: '= {value}', zh: '= {value}' },
  'input.number.hint': { en: 'e.g. 1,234,567 or 12万', zh: '例如 1,234,567 或 12万' },
  'input.language.browser': { en: 'As the browser asks', zh: '跟随浏览器' },
  'input.grouping': { en: 'Thousands separators', zh: '千位分隔符' },
  'input.groupingHint': { en: 'Turn off for years and codes (2026, not 2,026)', zh: '年份、编码等请关闭（显示 2026，而不是 2,026）' },
  'approvalUi.col.details': { en: 'Key fields', zh: '关键信息' },
} as const;
