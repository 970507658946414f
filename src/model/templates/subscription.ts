/** Example content: a subscription e-commerce journey (meal kits), per language. */
import type { Locale } from '../schema';

/** stage key -> lane key -> card texts */
export type TemplateCards = Record<string, Record<string, string[]>>;

const EN: TemplateCards = {
  awareness: {
    actions: ['Sees a friend’s unboxing video'],
    thoughts: ['“Could this save me time on weeknights?”'],
    touchpoints: ['Instagram video'],
    painPoints: [],
    opportunities: ['Referral code in every box'],
  },
  consideration: {
    actions: ['Compares plans and prices', 'Reads reviews'],
    thoughts: ['“What if I want to cancel?”'],
    touchpoints: ['Pricing page', 'Review site'],
    painPoints: ['Unclear cancellation terms'],
    opportunities: ['One-line cancellation promise on the pricing page'],
  },
  decision: {
    actions: ['Picks a plan and pays'],
    touchpoints: ['Checkout'],
    painPoints: ['No size chart for portions'],
    opportunities: ['Portion guide next to each plan'],
  },
  onboarding: {
    actions: ['Waits for the confirmation e-mail', 'Unpacks the first box'],
    thoughts: ['“Did my order go through?”'],
    touchpoints: ['Confirmation e-mail', 'Delivery'],
    painPoints: ['Confirmation e-mail arrives hours late'],
    opportunities: ['Instant confirmation with delivery window'],
    service: ['Warehouse packs the box'],
  },
  usage: {
    actions: ['Cooks three meals a week', 'Skips a week while travelling'],
    touchpoints: ['Mobile app'],
    service: ['Support answers skip-week questions'],
  },
  advocacy: {
    actions: ['Shares a photo of dinner'],
    thoughts: ['“My friends should try this.”'],
    touchpoints: ['Referral programme'],
    opportunities: ['Reward both friends with a free dessert'],
  },
};

const ZH: TemplateCards = {
  awareness: {
    actions: ['看到朋友发的开箱视频'],
    thoughts: ['“工作日晚上能帮我省点时间吗？”'],
    touchpoints: ['小红书视频'],
    painPoints: [],
    opportunities: ['每个包裹里附上推荐码'],
  },
  consideration: {
    actions: ['比较套餐和价格', '查看用户评价'],
    thoughts: ['“如果想退订怎么办？”'],
    touchpoints: ['价格页面', '点评网站'],
    painPoints: ['退订条款说得不清楚'],
    opportunities: ['在价格页用一句话承诺随时可退订'],
  },
  decision: {
    actions: ['选好套餐并付款'],
    touchpoints: ['结账页面'],
    painPoints: ['没有份量对照表'],
    opportunities: ['每个套餐旁边加份量说明'],
  },
  onboarding: {
    actions: ['等待确认邮件', '拆开第一个包裹'],
    thoughts: ['“我的订单到底成功了没有？”'],
    touchpoints: ['确认邮件', '配送'],
    painPoints: ['确认邮件晚了好几个小时才到'],
    opportunities: ['下单后立即确认，并告知送达时间段'],
    service: ['仓库打包'],
  },
  usage: {
    actions: ['每周做三顿饭', '出差时跳过一周'],
    touchpoints: ['手机 App'],
    service: ['客服解答跳过配送的问题'],
  },
  advocacy: {
    actions: ['在朋友圈晒晚餐照片'],
    thoughts: ['“朋友们也应该试试。”'],
    touchpoints: ['推荐有礼活动'],
    opportunities: ['推荐双方各送一份甜点'],
  },
};

export const subscriptionCards = (locale: Locale): TemplateCards => (locale === 'zh-CN' ? ZH : EN);
export const subscriptionTitle = (locale: Locale): string =>
  locale === 'zh-CN' ? '订阅制电商客户旅程' : 'Subscription e-commerce journey';
