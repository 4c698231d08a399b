// Every piece of text the console shows, in English, Simplified Chinese and Traditional Chinese.

export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

const en = {
  'app.title': 'PortTwin',
  'login.heading': 'Sign in to the operations console',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.failed': 'Sign-in failed',
  'login.unreachable': 'Server unreachable',
  'login.expired': 'Your session ended; please sign in again.',
  'topbar.signOut': 'Sign out',
  'topbar.language': 'Language',
  'topbar.waitingForSite': 'Waiting for site…',
  'connection.live': 'LIVE',
  'connection.stale': 'STALE',
  'connection.offline': 'OFFLINE',
  'connection.staleFor': 'no data for {seconds} s',
  'connection.ingestLag': 'ingest lag {ms} ms',
  'kpi.heading': 'Port flow',
  'kpi.minute': 'minute {from}–{to}',
  'kpi.asOf': 'as of {time}',
  'kpi.none': 'No KPIs yet',
  'kpi.gateLanes': 'Gate lanes',
  'kpi.trucksPerHour': 'trucks/h',
  'kpi.queue': 'queue',
  'kpi.quayCranes': 'Quay cranes',
  'kpi.yardCranes': 'Yard cranes',
  'kpi.movesPerHour': 'moves/h',
  'kpi.site': 'Site',
  'kpi.siteTrucks': 'Trucks/h',
  'kpi.siteQuayMoves': 'Quay moves/h',
  'kpi.siteYardMoves': 'Yard moves/h',
  'kpi.siteGateQueue': 'Gate queue',
  'queue.closed': 'closed',
  'queue.trucks': 'trucks',
  'badge.fault': 'FAULT',
  'badge.offline': 'OFFLINE',
  'badge.maintenance': 'MAINT.',
  'legend.online': 'online',
  'legend.fault': 'fault',
  'legend.offline': 'offline',
  'legend.stale': 'stale > 30 s',
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const zhCN: Dictionary = {
  'app.title': 'PortTwin 智慧口岸',
  'login.heading': '登录运行监控台',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.busy': '正在登录…',
  'login.failed': '登录失败',
  'login.unreachable': '无法连接服务器',
  'login.expired': '会话已结束，请重新登录。',
  'topbar.signOut': '退出',
  'topbar.language': '语言',
  'topbar.waitingForSite': '正在等待场站数据…',
  'connection.live': '实时',
  'connection.stale': '数据滞后',
  'connection.offline': '离线',
  'connection.staleFor': '{seconds} 秒无数据',
  'connection.ingestLag': '接入延迟 {ms} 毫秒',
  'kpi.heading': '口岸流量',
  'kpi.minute': '{from}–{to} 分钟',
  'kpi.asOf': '截至 {time}',
  'kpi.none': '暂无指标',
  'kpi.gateLanes': '闸口车道',
  'kpi.trucksPerHour': '车次/时',
  'kpi.queue': '排队',
  'kpi.quayCranes': '岸桥',
  'kpi.yardCranes': '场桥',
  'kpi.movesPerHour': '自然箱/时',
  'kpi.site': '全场',
  'kpi.siteTrucks': '车次/时',
  'kpi.siteQuayMoves': '岸桥作业/时',
  'kpi.siteYardMoves': '场桥作业/时',
  'kpi.siteGateQueue': '闸口排队',
  'queue.closed': '关闭',
  'queue.trucks': '辆',
  'badge.fault': '故障',
  'badge.offline': '离线',
  'badge.maintenance': '维护',
  'legend.online': '在线',
  'legend.fault': '故障',
  'legend.offline': '离线',
  'legend.stale': '超过 30 秒未更新',
};

const zhTW: Dictionary = {
  'app.title': 'PortTwin 智慧口岸',
  'login.heading': '登入營運監控台',
  'login.username': '使用者名稱',
  'login.password': '密碼',
  'login.submit': '登入',
  'login.busy': '正在登入…',
  'login.failed': '登入失敗',
  'login.unreachable': '無法連線伺服器',
  'login.expired': '工作階段已結束，請重新登入。',
  'topbar.signOut': '登出',
  'topbar.language': '語言',
  'topbar.waitingForSite': '正在等待場站資料…',
  'connection.live': '即時',
  'connection.stale': '資料滯後',
  'connection.offline': '離線',
  'connection.staleFor': '{seconds} 秒無資料',
  'connection.ingestLag': '接入延遲 {ms} 毫秒',
  'kpi.heading': '口岸流量',
  'kpi.minute': '{from}–{to} 分鐘',
  'kpi.asOf': '截至 {time}',
  'kpi.none': '暫無指標',
  'kpi.gateLanes': '閘口車道',
  'kpi.trucksPerHour': '車次/時',
  'kpi.queue': '排隊',
  'kpi.quayCranes': '岸橋',
  'kpi.yardCranes': '場橋',
  'kpi.movesPerHour': '自然箱/時',
  'kpi.site': '全場',
  'kpi.siteTrucks': '車次/時',
  'kpi.siteQuayMoves': '岸橋作業/時',
  'kpi.siteYardMoves': '場橋作業/時',
  'kpi.siteGateQueue': '閘口排隊',
  'queue.closed': '關閉',
  'queue.trucks': '輛',
  'badge.fault': '故障',
  'badge.offline': '離線',
  'badge.maintenance': '維護',
  'legend.online': '在線',
  'legend.fault': '故障',
  'legend.offline': '離線',
  'legend.stale': '超過 30 秒未更新',
};

export const DICTIONARIES: Record<Language, Dictionary> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** Looks a message up and fills `{name}` placeholders; an unknown placeholder is left visible. */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[language][key];
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
