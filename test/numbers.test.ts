import { describe, expect, it } from 'vitest';
import { parseCell } from '../src/normalize/numbers.js';

describe('parseCell', () => {
  it.each([
    ['0', 0],
    ['０', 0],
    [' 0', 0],
    ['0 ', 0],
    ['\u3000\u300012\u3000', 12],
    ['１２', 12],
    ['1,036', 1036],
    ['1，036', 1036],
    ['12.3456', 12.3456],
    ['+3', 3],
    ['-2', -2],
    ['+1036', 1036],
    ['增加3', 3],
    ['减少2', -2],
    ['7730.28', 7730.28],
  ])('%j → %d', (text, value) => {
    expect(parseCell(text)).toEqual({ kind: 'number', value, unit: null });
  });

  it('keeps a unit printed inside the cell', () => {
    expect(parseCell('251000元')).toEqual({ kind: 'number', value: 251000, unit: '元' });
    expect(parseCell('5.5 万元')).toEqual({ kind: 'number', value: 5.5, unit: '万元' });
  });

  it.each(['', '   ', '\u3000\u3000', '\n'])('blank %j', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'blank' });
  });

  it.each(['/', '／', '—', '——', '-', '无'])('not-applicable marker %j', (text) => {
    expect(parseCell(text).kind).toBe('none');
  });

  it.each(['约10', '10-12', '1.2.3', '十', '3件5', 'abc', '1,03'])('never guesses %j', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'unreadable', text });
  });
});
