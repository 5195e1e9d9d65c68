/** Helpers to assemble a SampleExpectation from the three table results. */
import type { TableResult, Values } from './tables.js';
import type { SampleExpectation } from './types.js';

export interface Tables {
  active: TableResult;
  applications: TableResult;
  review: TableResult;
}

/** The merged values of the three tables (each path must come from exactly one table). */
export function mergeValues(t: Tables): Values {
  const out: Values = {};
  for (const part of [t.active, t.applications, t.review])
    for (const [k, v] of Object.entries(part.values)) {
      if (k in out) throw new Error(`duplicate value path ${k}`);
      out[k] = v;
    }
  return out;
}

export function expectation(
  t: Tables,
  rest: Omit<SampleExpectation, 'values' | 'layout'>,
): SampleExpectation {
  return {
    report: rest.report,
    layout: { activeDisclosure: t.active.layout, applications: t.applications.layout },
    sectionTitles: rest.sectionTitles,
    values: mergeValues(t),
    failingChecks: rest.failingChecks,
  };
}

/** The standard six section titles (templates.md §1). */
export const STANDARD_TITLES: SampleExpectation['sectionTitles'] = {
  overview: '总体情况',
  activeDisclosure: '主动公开政府信息情况',
  applications: '收到和处理政府信息公开申请情况',
  reviewLitigation: '政府信息公开行政复议、行政诉讼情况',
  problems: '存在的主要问题及改进情况',
  other: '其他需要报告的事项',
};
