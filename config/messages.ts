import type { MessageKind, MessageLinkPage, SubscribeMoment } from '@shared/contracts';

/**
 * The one configuration of the messages the system sends (issue #18): for each kind, the WeChat
 * subscription template the operator adds in the mini-program console (公共模板库 title and keywords; its
 * id goes into the environment variable named here), which field of the event fills each keyword, the
 * page the message opens, and, for urgent kinds, the Tencent Cloud SMS template and its parameters.
 *
 * The keyword keys (`thing1`, `time3`, …) are those of the template the operator picks; if the console
 * gives different numbers, change them here (the keys are the template's, the fields are ours).
 * Keyword value limits: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export interface TemplateKeyword {
  key: string;
  /** The keyword's name in the console (for the README and the operator). */
  label: string;
  /** The message field that fills it. */
  field: string;
}

export interface MessageTemplate {
  kind: MessageKind;
  /** Environment variable holding the template id from the mini-program console. */
  envVar: string;
  /** The title to search for in the console's 公共模板库. */
  consoleTitle: string;
  keywords: TemplateKeyword[];
  /** The page the message opens (with the record's id). */
  page: MessageLinkPage;
  /** Urgent kinds go out as SMS to staff (no subscription needed) plus the inbox. */
  sms?: { envVar: string; params: string[]; text: string };
}

export const MESSAGE_TEMPLATES: Record<MessageKind, MessageTemplate> = {
  rent_due: {
    kind: 'rent_due',
    envVar: 'WX_TMPL_RENT_DUE',
    consoleTitle: '缴费提醒',
    keywords: [
      { key: 'thing1', label: '缴费项目', field: 'what' },
      { key: 'amount2', label: '缴费金额', field: 'amount' },
      { key: 'date3', label: '截止日期', field: 'dueDate' },
      { key: 'thing4', label: '温馨提示', field: 'note' },
    ],
    page: 'bill',
  },
  rent_overdue: {
    kind: 'rent_overdue',
    envVar: 'WX_TMPL_RENT_OVERDUE',
    consoleTitle: '欠费提醒',
    keywords: [
      { key: 'thing1', label: '欠费项目', field: 'what' },
      { key: 'amount2', label: '欠费金额', field: 'amount' },
      { key: 'thing3', label: '温馨提示', field: 'note' },
    ],
    page: 'bills',
  },
  repair_update: {
    kind: 'repair_update',
    envVar: 'WX_TMPL_REPAIR_UPDATE',
    consoleTitle: '报修进度通知',
    keywords: [
      { key: 'thing1', label: '报修内容', field: 'what' },
      { key: 'thing2', label: '处理进度', field: 'status' },
      { key: 'time3', label: '更新时间', field: 'time' },
      { key: 'thing4', label: '备注', field: 'note' },
    ],
    page: 'repair',
  },
  lottery_result: {
    kind: 'lottery_result',
    envVar: 'WX_TMPL_LOTTERY_RESULT',
    consoleTitle: '摇号结果通知',
    keywords: [
      { key: 'thing1', label: '活动名称', field: 'round' },
      { key: 'character_string2', label: '排名', field: 'rank' },
      { key: 'thing3', label: '选房时间', field: 'window' },
      { key: 'thing4', label: '备注', field: 'note' },
    ],
    page: 'round',
  },
  vacancy_offer: {
    kind: 'vacancy_offer',
    envVar: 'WX_TMPL_VACANCY_OFFER',
    consoleTitle: '配租邀约通知',
    keywords: [
      { key: 'thing1', label: '房源', field: 'unit' },
      { key: 'time2', label: '答复截止时间', field: 'deadline' },
      { key: 'thing3', label: '备注', field: 'note' },
    ],
    page: 'rounds',
  },
  patrol_task: {
    kind: 'patrol_task',
    envVar: 'WX_TMPL_PATROL_TASK',
    consoleTitle: '任务分配通知',
    keywords: [
      { key: 'thing1', label: '任务名称', field: 'what' },
      { key: 'thing2', label: '任务地点', field: 'place' },
      { key: 'date3', label: '截止日期', field: 'deadline' },
    ],
    page: 'hazards',
  },
  hazard_urgent: {
    kind: 'hazard_urgent',
    envVar: 'WX_TMPL_HAZARD_URGENT',
    consoleTitle: '安全隐患提醒',
    keywords: [
      { key: 'thing1', label: '隐患地点', field: 'place' },
      { key: 'thing2', label: '隐患内容', field: 'what' },
    ],
    page: 'hazards',
    // SMS template text for the console (正文模板, two variables): the operator submits it for review.
    sms: {
      envVar: 'SMS_TEMPLATE_HAZARD_URGENT',
      params: ['place', 'what'],
      text: '【安居】立即危险隐患：{1}，{2}。请马上处置，并在安居小程序“消息”中确认收到。',
    },
  },
  care_escalation: {
    kind: 'care_escalation',
    envVar: 'WX_TMPL_CARE_ESCALATION',
    consoleTitle: '关爱提醒',
    keywords: [
      { key: 'thing1', label: '关爱对象', field: 'person' },
      { key: 'thing2', label: '提醒内容', field: 'what' },
    ],
    page: 'care-registry',
    sms: {
      envVar: 'SMS_TEMPLATE_CARE_ESCALATION',
      params: ['person', 'what'],
      text: '【安居】特殊关爱住户{1}：{2}。请尽快上门查看，并在安居小程序“消息”中确认收到。',
    },
  },
  general: {
    kind: 'general',
    envVar: 'WX_TMPL_GENERAL',
    consoleTitle: '通知提醒',
    keywords: [
      { key: 'thing1', label: '通知标题', field: 'title' },
      { key: 'thing2', label: '通知内容', field: 'body' },
    ],
    page: 'index',
  },
};

/**
 * Which templates the mini-program asks for at each moment (at most 3 per request:
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html).
 */
export const SUBSCRIBE_MOMENT_KINDS: Record<SubscribeMoment, MessageKind[]> = {
  repair_filed: ['repair_update'],
  bills_opened: ['rent_due', 'rent_overdue'],
  round_registered: ['lottery_result', 'vacancy_offer'],
  volunteer_routes: ['patrol_task', 'care_escalation'],
};

/** Template ids from the environment (production: the function's environment variables). */
export function templateIdsFromEnv(
  env: Record<string, string | undefined>,
): Partial<Record<MessageKind, string>> {
  const out: Partial<Record<MessageKind, string>> = {};
  for (const t of Object.values(MESSAGE_TEMPLATES)) {
    const id = env[t.envVar];
    if (id) out[t.kind] = id;
  }
  return out;
}

/** The local sandbox's template ids (every kind configured, so every path can be exercised). */
export function sandboxTemplateIds(): Partial<Record<MessageKind, string>> {
  return Object.fromEntries(Object.keys(MESSAGE_TEMPLATES).map((k) => [k, `sandbox-tmpl-${k}`]));
}

/** SMS settings from the environment: the application, signature and the urgent kinds' template ids. */
export interface SmsSettings {
  smsSdkAppId: string;
  signName: string;
  templateIds: Partial<Record<MessageKind, string>>;
}

export function smsSettingsFromEnv(env: Record<string, string | undefined>): SmsSettings | null {
  if (!env.SMS_SDK_APP_ID || !env.SMS_SIGN_NAME) return null;
  const templateIds: Partial<Record<MessageKind, string>> = {};
  for (const t of Object.values(MESSAGE_TEMPLATES))
    if (t.sms && env[t.sms.envVar]) templateIds[t.kind] = env[t.sms.envVar] as string;
  return { smsSdkAppId: env.SMS_SDK_APP_ID, signName: env.SMS_SIGN_NAME, templateIds };
}

export function sandboxSmsSettings(): SmsSettings {
  return {
    smsSdkAppId: '1400000000',
    signName: '安居',
    templateIds: Object.fromEntries(
      Object.values(MESSAGE_TEMPLATES)
        .filter((t) => t.sms)
        .map((t) => [t.kind, `sandbox-sms-${t.kind}`]),
    ),
  };
}
