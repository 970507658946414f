/** The default grid every new map starts from, in each supported language. */
import type { Locale } from '../schema';
import type { LaneSeed, StageSeed } from './spec';

const STAGES: Record<Locale, StageSeed[]> = {
  en: [
    { key: 'awareness', name: 'Awareness', description: 'The customer notices a need and learns we exist.' },
    { key: 'consideration', name: 'Consideration', description: 'The customer compares options.' },
    { key: 'decision', name: 'Decision', description: 'The customer chooses and buys.' },
    { key: 'onboarding', name: 'Onboarding', description: 'First steps and first value.' },
    { key: 'usage', name: 'Usage', description: 'Everyday use and support.' },
    { key: 'advocacy', name: 'Advocacy', description: 'The customer recommends us, or leaves.' },
  ],
  'zh-CN': [
    { key: 'awareness', name: '认知', description: '客户意识到需求，并第一次了解到我们。' },
    { key: 'consideration', name: '考虑', description: '客户比较各种选择。' },
    { key: 'decision', name: '决策', description: '客户做出选择并购买。' },
    { key: 'onboarding', name: '入门', description: '最初的几步，第一次获得价值。' },
    { key: 'usage', name: '使用', description: '日常使用与售后支持。' },
    { key: 'advocacy', name: '推荐', description: '客户向他人推荐我们，或者离开。' },
  ],
};

/** The customer-facing lanes every journey map starts with, top to bottom (KPIs last, above the backstage). */
const CUSTOMER_LANES: Record<Locale, LaneSeed[]> = {
  en: [
    { key: 'actions', kind: 'actions', name: 'Customer actions' },
    { key: 'thoughts', kind: 'thoughts', name: 'Thoughts' },
    { key: 'touchpoints', kind: 'touchpoints', name: 'Touchpoints' },
    { key: 'emotions', kind: 'emotions', name: 'Emotion curve' },
    { key: 'painPoints', kind: 'painPoints', name: 'Pain points' },
    { key: 'opportunities', kind: 'opportunities', name: 'Opportunities' },
    { key: 'kpis', kind: 'kpis', name: 'KPIs' },
  ],
  'zh-CN': [
    { key: 'actions', kind: 'actions', name: '客户行为' },
    { key: 'thoughts', kind: 'thoughts', name: '想法' },
    { key: 'touchpoints', kind: 'touchpoints', name: '触点' },
    { key: 'emotions', kind: 'emotions', name: '情绪曲线' },
    { key: 'painPoints', kind: 'painPoints', name: '痛点' },
    { key: 'opportunities', kind: 'opportunities', name: '机会点' },
    { key: 'kpis', kind: 'kpis', name: '关键指标' },
  ],
};

const SERVICE_LANE: Record<Locale, LaneSeed> = {
  en: { key: 'service', kind: 'backstage', name: 'Backstage: service', department: 'service' },
  'zh-CN': { key: 'service', kind: 'backstage', name: '后台：客服', department: 'service' },
};

export const defaultStages = (locale: Locale): StageSeed[] => STAGES[locale];
export const customerLanes = (locale: Locale): LaneSeed[] => CUSTOMER_LANES[locale];
/** The blank grid's lanes: the customer-facing ones and one backstage lane. */
export const defaultLanes = (locale: Locale): LaneSeed[] => [...CUSTOMER_LANES[locale], SERVICE_LANE[locale]];
