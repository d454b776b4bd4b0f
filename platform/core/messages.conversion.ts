/** Text of lead conversion (mapping problems, the convert service and dialog), in English and Simplified Chinese. */
export const CONVERSION_MESSAGES = {
  'conversion.object': { en: 'Object "{object}" does not exist', zh: '对象"{object}"不存在' },
  'conversion.duplicate': { en: 'Object "{object}" already has a conversion mapping', zh: '对象"{object}"已有转化映射' },
  'conversion.field': { en: 'Field "{field}" does not exist on "{object}"', zh: '"{object}"上没有字段"{field}"' },
  'conversion.twice': { en: 'Field "{field}" is filled by more than one source', zh: '字段"{field}"有多个来源' },
  'conversion.readOnly': { en: 'Field "{field}" cannot be filled by a mapping', zh: '字段"{field}"不能由映射填写' },
  'conversion.type': { en: '"{from}" ({fromType}) cannot fill "{to}" ({toType})', zh: '"{from}"（{fromType}）不能填入"{to}"（{toType}）' },
  'conversion.options': { en: 'Picklist "{to}" lacks the values {values}', zh: '选项列表"{to}"缺少选项值 {values}' },
  'conversion.length': { en: '"{to}" holds {room} characters, "{from}" up to {need}', zh: '"{to}"最多 {room} 个字符，而"{from}"可达 {need} 个' },
  'conversion.link': { en: 'Field "{field}" of "{object}" must be a lookup to "{account}"', zh: '"{object}"的字段"{field}"必须是指向"{account}"的查找字段' },
  'conversion.linkMissing': { en: 'Say which lookup of "{object}" links it to the account', zh: '请指定"{object}"关联到客户的查找字段' },
} as const;
