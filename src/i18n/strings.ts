/**
 * Every UI string, per language: the main file with the per-area files
 * merged under their prefix (`dashboard.`, `comments.`, `export.`,
 * `metrics.`, `keyboard.`, `view.`, `gallery.`, `timer.`, `present.`,
 * `rounds.`, `review.`, `compare.`, `personaScores.`, `states.`, `journeys.`). The areas have files of their own so the dashboard, comments,
 * export, metrics import and the canvas can be worked on without touching
 * the same file.
 */
import type { Locale } from '../model/schema';
import type { Strings } from './translate';
import en from './en.json';
import zhCN from './zh-CN.json';
import dashboardEn from './dashboard.en.json';
import dashboardZhCN from './dashboard.zh-CN.json';
import commentsEn from './comments.en.json';
import commentsZhCN from './comments.zh-CN.json';
import exportEn from './export.en.json';
import exportZhCN from './export.zh-CN.json';
import metricsEn from './metrics.en.json';
import metricsZhCN from './metrics.zh-CN.json';
import keyboardEn from './keyboard.en.json';
import keyboardZhCN from './keyboard.zh-CN.json';
import viewEn from './view.en.json';
import viewZhCN from './view.zh-CN.json';
import galleryEn from './gallery.en.json';
import galleryZhCN from './gallery.zh-CN.json';
import timerEn from './timer.en.json';
import timerZhCN from './timer.zh-CN.json';
import presentEn from './present.en.json';
import presentZhCN from './present.zh-CN.json';
import roundsEn from './rounds.en.json';
import roundsZhCN from './rounds.zh-CN.json';
import reviewEn from './review.en.json';
import reviewZhCN from './review.zh-CN.json';
import compareEn from './compare.en.json';
import compareZhCN from './compare.zh-CN.json';
import journeysEn from './journeys.en.json';
import journeysZhCN from './journeys.zh-CN.json';
import statesEn from './states.en.json';
import statesZhCN from './states.zh-CN.json';
import personaScoresEn from './personaScores.en.json';
import personaScoresZhCN from './personaScores.zh-CN.json';

export const STRINGS: Readonly<Record<Locale, Strings>> = {
  en: {
    ...en,
    dashboard: dashboardEn,
    comments: commentsEn,
    export: exportEn,
    metrics: metricsEn,
    keyboard: keyboardEn,
    view: viewEn,
    gallery: galleryEn,
    timer: timerEn,
    present: presentEn,
    rounds: roundsEn,
    review: reviewEn,
    compare: compareEn,
    journeys: journeysEn,
    states: statesEn,
    personaScores: personaScoresEn,
  },
  'zh-CN': {
    ...zhCN,
    dashboard: dashboardZhCN,
    comments: commentsZhCN,
    export: exportZhCN,
    metrics: metricsZhCN,
    keyboard: keyboardZhCN,
    view: viewZhCN,
    gallery: galleryZhCN,
    timer: timerZhCN,
    present: presentZhCN,
    rounds: roundsZhCN,
    review: reviewZhCN,
    compare: compareZhCN,
    journeys: journeysZhCN,
    states: statesZhCN,
    personaScores: personaScoresZhCN,
  },
};
