import { describe, expect, it } from 'vitest';
import { cleanInline, labelKey, splitEnumerator, stripEnumerators } from '../src/normalize/text.js';
import { findDate, organizationFromTitle } from '../src/normalize/report-info.js';

describe('enumerators', () => {
  it.each([
    ['一、总体情况', 'section', 1, '总体情况'],
    ['1、 总体情况', 'section', 1, '总体情况'],
    ['5、 存在的主要问题及改进情况', 'section', 5, '存在的主要问题及改进情况'],
    ['（1） 主动公开政府信息情况', 'sub', 1, '主动公开政府信息情况'],
    ['(二)依申请公开', 'sub', 2, '依申请公开'],
    ['（十二）其他', 'sub', 12, '其他'],
    ['总体情况', 'none', null, '总体情况'],
    ['2022年，鲁沙尔镇', 'none', null, '2022年,鲁沙尔镇'],
    ['1.5倍', 'none', null, '1.5倍'],
  ])('%j', (text, level, number, rest) => {
    const e = splitEnumerator(text);
    expect([e.level, e.number, e.rest]).toEqual([level, number, rest]);
  });

  it('strips nested enumerators', () => {
    expect(stripEnumerators('（三）1.属于国家秘密')).toBe('属于国家秘密');
    expect(stripEnumerators('1、本机关不掌握相关政府信息')).toBe('本机关不掌握相关政府信息');
    expect(stripEnumerators('(七) 总计')).toBe('总计');
  });
});

describe('labels', () => {
  it('ignores spaces, width and punctuation', () => {
    expect(labelKey('结果 维持')).toBe('结果维持');
    expect(labelKey('本年收费金额(单位:万元)')).toBe(labelKey('本年收费金额（单位：万元）'));
    expect(labelKey('3.危及“三安全一稳定”')).toBe(labelKey('3.危及"三安全一稳定"'));
    expect(labelKey('总 计')).toBe('总计');
  });
  it('cleans inline text without spaces between CJK characters', () => {
    expect(cleanInline(' 鲁沙尔镇人民政府信息公开工作\n年度报告 ')).toBe('鲁沙尔镇人民政府信息公开工作年度报告');
    expect(cleanInline('2022 年 政府信息公开')).toBe('2022年政府信息公开');
  });
});

describe('dates and organisations', () => {
  it.each([
    ['2023年1月17日', '2023-01-17'],
    ['2024 年 1 月 22 日', '2024-01-22'],
    ['                         2023年1月18日', '2023-01-18'],
    ['二〇二三年一月十七日', '2023-01-17'],
    ['二〇二四年十二月三十一日', '2024-12-31'],
    ['２０２３年１月５日', '2023-01-05'],
    ['2023-01-17', '2023-01-17'],
  ])('%j', (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });
  it('rejects impossible dates', () => {
    expect(findDate('2023年2月30日')).toBeNull();
    expect(findDate('2023年13月1日')).toBeNull();
  });
  it.each([
    ['鲁沙尔镇人民政府信息公开工作年度报告', '鲁沙尔镇人民政府'],
    ['海原县海城镇人民政府2022年政府信息公开工作年度报告', '海原县海城镇人民政府'],
    ['鲁河镇2021年政府信息公开工作年度报告', '鲁河镇'],
    ['政府信息公开工作年度报告格式模板', null],
  ])('organisation in %j', (title, org) => {
    expect(organizationFromTitle(title)).toBe(org);
  });
});
