import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from '../../../platform/rules/normalise/companyName';

describe('normaliseCompanyName', () => {
  it.each([
    ['深圳市腾讯计算机系统有限公司', '腾讯计算机系统（深圳）有限公司'],
    ['華為技術有限公司', '华为技术有限公司'],
    ['Acme Co., Ltd.', 'ACME'],
    ['ＡＣＭＥ　（Ｃｈｉｎａ）', 'acme (china)'],
    ['广东省深圳市华为技术股份有限公司', '华为技术'],
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术有限公司'],
    ['Globex Inc.', 'globex, LLC'],
    ['上海汽车集团股份有限公司', '上海汽车集团'],
  ])('%s and %s are one company', (a, b) => {
    expect(normaliseCompanyName(a)).toBe(normaliseCompanyName(b));
    expect(normaliseCompanyName(a)).not.toBe('');
  });

  it.each([
    ['腾讯计算机系统有限公司', '华为技术有限公司'],
    ['Acme Co., Ltd.', 'Acme Robotics Co., Ltd.'],
    ['北京字节跳动科技有限公司', '北京快手科技有限公司'],
  ])('%s and %s stay apart', (a, b) => {
    expect(normaliseCompanyName(a)).not.toBe(normaliseCompanyName(b));
  });

  it('gives the name a rep would recognise', () => {
    expect(normaliseCompanyName('深圳市腾讯计算机系统有限公司')).toBe('腾讯计算机系统');
    expect(normaliseCompanyName('Acme Co., Ltd.')).toBe('acme');
    // A name that is only a place keeps it: "北京大学" is not "大学".
    expect(normaliseCompanyName('北京大学')).toBe('北京大学');
  });
});
