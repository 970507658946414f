import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import zhCN from '../../src/i18n/zh-CN.json';
import dashboardEn from '../../src/i18n/dashboard.en.json';
import dashboardZhCN from '../../src/i18n/dashboard.zh-CN.json';
import commentsEn from '../../src/i18n/comments.en.json';
import commentsZhCN from '../../src/i18n/comments.zh-CN.json';
import exportEn from '../../src/i18n/export.en.json';
import exportZhCN from '../../src/i18n/export.zh-CN.json';
import metricsEn from '../../src/i18n/metrics.en.json';
import metricsZhCN from '../../src/i18n/metrics.zh-CN.json';
import timerEn from '../../src/i18n/timer.en.json';
import timerZhCN from '../../src/i18n/timer.zh-CN.json';
import presentEn from '../../src/i18n/present.en.json';
import presentZhCN from '../../src/i18n/present.zh-CN.json';
import reviewEn from '../../src/i18n/review.en.json';
import reviewZhCN from '../../src/i18n/review.zh-CN.json';
import journeysEn from '../../src/i18n/journeys.en.json';
import journeysZhCN from '../../src/i18n/journeys.zh-CN.json';
import statesEn from '../../src/i18n/states.en.json';
import statesZhCN from '../../src/i18n/states.zh-CN.json';
import personaScoresEn from '../../src/i18n/personaScores.en.json';
import personaScoresZhCN from '../../src/i18n/personaScores.zh-CN.json';

/** Every leaf key, with plural suffixes folded (zh has only `_other`). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const set = (value: unknown) => [...new Set(keys(value))].sort();

describe('UI strings', () => {
  it('English and Chinese have the same keys', () => {
    expect(set(zhCN)).toEqual(set(en));
    expect(set(dashboardZhCN)).toEqual(set(dashboardEn));
    expect(set(commentsZhCN)).toEqual(set(commentsEn));
    expect(set(exportZhCN)).toEqual(set(exportEn));
    expect(set(metricsZhCN)).toEqual(set(metricsEn));
    expect(set(timerZhCN)).toEqual(set(timerEn));
    expect(set(presentZhCN)).toEqual(set(presentEn));
    expect(set(reviewZhCN)).toEqual(set(reviewEn));
    expect(set(journeysZhCN)).toEqual(set(journeysEn));
    expect(set(statesZhCN)).toEqual(set(statesEn));
    expect(set(personaScoresZhCN)).toEqual(set(personaScoresEn));
  });

  it('Chinese strings are written in Chinese', () => {
    const leaves = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value).flatMap(leaves) : [];
    const chinese = [
      ...leaves(zhCN),
      ...leaves(dashboardZhCN),
      ...leaves(commentsZhCN),
      ...leaves(exportZhCN),
      ...leaves(metricsZhCN),
      ...leaves(timerZhCN),
      ...leaves(presentZhCN),
      ...leaves(reviewZhCN),
      ...leaves(journeysZhCN),
      ...leaves(statesZhCN),
      ...leaves(personaScoresZhCN),
    ];
    // Names that stay Latin in Chinese UIs (IT, NPS …) are fine; most strings must be Chinese.
    const withCJK = chinese.filter((s) => /[\u4e00-\u9fff]/.test(s)).length;
    expect(withCJK / chinese.length).toBeGreaterThan(0.9);
  });
});
