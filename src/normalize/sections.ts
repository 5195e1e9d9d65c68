/**
 * Find the six sections whatever their numbering: 一、/1、/none, duplicated or mis-levelled
 * headings (templates.md §7: V3–V6, W1, W2). A sub-level enumerator such as （1） is not a
 * section heading on the first pass ("（1） 主动公开政府信息情况" inside 总体情况, seed 000).
 */
import type { Block } from '../model.js';
import { SECTION_KEYS, type SectionKey } from '../schema/keys.js';
import { cleanInline, labelKey, splitEnumerator, trimAll } from './text.js';
import { mapped } from '../arrays.js';

const PATTERNS: Record<SectionKey, RegExp> = {
  overview: /^(?:政府信息公开(?:工作)?|政务公开(?:工作)?)?(?:总体情况|总体概况|基本情况|概述)$/,
  activeDisclosure: /^主动公开政府信息(?:的)?情况$/,
  applications: /^收到和处理政府信息公开申请(?:的)?情况$/,
  reviewLitigation: /^(?:政府信息公开|因政府信息公开工作)?(?:被申请)?行政复议(?:和|及|与)?(?:提起)?行政诉讼(?:的)?情况$/,
  problems: /^(?:政府信息公开工作)?存在的?(?:主要)?问题(?:及|和|与|以及)(?:其?)改进(?:情况|措施)?$/,
  other: /^其他需要报告的事项$/,
};

/** Longest heading text (label key characters) still taken as a heading. */
const MAX_HEADING = 32;

export interface SectionSpan {
  key: SectionKey;
  /** Title as printed, without its number. */
  title: string;
  /** Index of the heading block. */
  heading: number;
  /** Block range of the content: [start, end). */
  start: number;
  end: number;
}

export interface SectionsResult {
  spans: Partial<Record<SectionKey, SectionSpan>>;
  /** Heading blocks that repeat a heading already found (dropped from section text). */
  duplicateHeadings: Set<number>;
}

function matchHeading(block: Block): { key: SectionKey; title: string; level: string } | null {
  if (block.kind !== 'paragraph' || block.role !== 'body') return null;
  const e = splitEnumerator(block.text);
  const rest = trimAll(e.rest).replace(/[：:。.]+$/, '');
  const key = labelKey(rest);
  if (key.length === 0 || key.length > MAX_HEADING) return null;
  for (const k of SECTION_KEYS) {
    if (PATTERNS[k].test(key)) return { key: k, title: cleanInline(rest), level: e.level };
  }
  return null;
}

export function findSections(blocks: Block[], excluded: Set<number> = new Set()): SectionsResult {
  const candidates: { index: number; key: SectionKey; title: string; level: string }[] = [];
  blocks.forEach((b, i) => {
    if (excluded.has(i)) return;
    const m = matchHeading(b);
    if (m) candidates.push({ index: i, ...m });
  });

  const found = new Map<SectionKey, { index: number; title: string }>();
  const duplicateHeadings = new Set<number>();
  const order = (k: SectionKey) => SECTION_KEYS.indexOf(k);

  // pass 1: section-level or unnumbered headings, in canonical order
  let last = -1;
  for (const c of candidates) {
    if (c.level === 'sub') continue;
    if (found.has(c.key)) {
      if (labelKey(c.title) === labelKey(found.get(c.key)!.title)) duplicateHeadings.add(c.index);
      continue;
    }
    if (order(c.key) <= last) continue;
    found.set(c.key, { index: c.index, title: c.title });
    last = order(c.key);
  }
  // pass 2: a section still missing may be numbered like a sub-heading; accept it only
  // between its found neighbours
  for (const c of candidates) {
    if (found.has(c.key) || c.level !== 'sub') continue;
    const prev = mapped(SECTION_KEYS.slice(0, order(c.key)), (k) => found.get(k)?.index ?? -1)
      .reduce((a, b) => Math.max(a, b), -1);
    const next = mapped(SECTION_KEYS.slice(order(c.key) + 1), (k) => found.get(k)?.index ?? Infinity)
      .reduce((a, b) => Math.min(a, b), Infinity);
    if (c.index > prev && c.index < next) found.set(c.key, { index: c.index, title: c.title });
  }

  const starts = [...found.entries()].sort((a, b) => a[1].index - b[1].index);
  const spans: Partial<Record<SectionKey, SectionSpan>> = {};
  starts.forEach(([key, v], n) => {
    const end = n + 1 < starts.length ? starts[n + 1]![1].index : blocks.length;
    spans[key] = { key, title: v.title, heading: v.index, start: v.index + 1, end };
  });
  return { spans, duplicateHeadings };
}

/** The text of a section: its body paragraphs (not tables), trimmed, joined with "\n". */
export function sectionText(blocks: Block[], span: SectionSpan, skip: Set<number>): string {
  const parts: string[] = [];
  for (let i = span.start; i < span.end; i++) {
    const b = blocks[i]!;
    if (skip.has(i) || b.kind !== 'paragraph' || b.role !== 'body') continue;
    const t = trimAll(b.text);
    if (t) parts.push(t);
  }
  return parts.join('\n');
}
