/** Word pools for realistic, bilingual demo data. */
export const CITIES = [
  ['上海', 'Shanghai', 'east'], ['杭州', 'Hangzhou', 'east'], ['苏州', 'Suzhou', 'east'], ['南京', 'Nanjing', 'east'], ['宁波', 'Ningbo', 'east'],
  ['北京', 'Beijing', 'north'], ['天津', 'Tianjin', 'north'], ['济南', 'Jinan', 'north'], ['深圳', 'Shenzhen', 'south'], ['广州', 'Guangzhou', 'south'],
  ['东莞', 'Dongguan', 'south'], ['武汉', 'Wuhan', 'central'], ['长沙', 'Changsha', 'central'], ['成都', 'Chengdu', 'southwest'], ['重庆', 'Chongqing', 'southwest'],
  ['西安', "Xi'an", 'northwest'], ['沈阳', 'Shenyang', 'northeast'], ['大连', 'Dalian', 'northeast'],
] as const;

export const CORE_WORDS = ['华锐', '恒通', '永信', '联创', '鼎盛', '天成', '博远', '中科', '新锐', '瑞丰', '宏达', '安泰', '金桥', '东方', '海川', '启明', '卓越', '润泽', '万达', '嘉禾', '祥瑞', '星辰', '凯盛', '远航', '智联', '同创', '华信', '国泰', '德胜', '聚力'];

export const INDUSTRY_WORDS: Record<string, string[]> = {
  manufacturing: ['精密机械', '智能装备', '电气', '模具', '新材料'],
  it: ['信息技术', '软件', '网络科技', '数据科技', '云计算'],
  finance: ['投资', '融资租赁', '资产管理'],
  retail: ['商贸', '连锁超市', '电子商务'],
  healthcare: ['医疗器械', '生物科技', '医药'],
  education: ['教育科技', '职业培训'],
  energy: ['新能源', '电力工程', '光伏科技'],
  automotive: ['汽车零部件', '汽车销售服务', '动力系统'],
  government: ['城市建设投资', '水务'],
  other: ['实业', '咨询服务'],
};

export const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '科技有限公司'];

export const ENGLISH_NAMES = ['Northwind Trading', 'Pacific Rim Logistics', 'Bluepeak Systems', 'Evergreen Foods', 'Silverline Instruments', 'Harbor Point Partners', 'Lumen Medical', 'Crestview Energy', 'Atlas Components', 'Summit Robotics', 'Orchid Retail', 'Granite Analytics'];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '秀英', '晓东', '丽华', '志强', '海燕', '建华', '雪梅', '俊杰', '思远'];
export const PINYIN: Record<string, string> = { 王: 'wang', 李: 'li', 张: 'zhang', 刘: 'liu', 陈: 'chen', 杨: 'yang', 黄: 'huang', 赵: 'zhao', 吴: 'wu', 周: 'zhou', 徐: 'xu', 孙: 'sun', 马: 'ma', 朱: 'zhu', 胡: 'hu', 郭: 'guo', 何: 'he', 高: 'gao', 林: 'lin', 罗: 'luo' };

export const TITLES = ['总经理', '副总经理', '采购经理', '技术总监', '财务总监', 'IT 经理', '生产经理', '项目经理', '采购专员', '总工程师'];
export const DEPARTMENTS = ['采购部', '技术部', '财务部', '信息中心', '生产部', '总经办'];

export const PRODUCTS = ['MES 系统升级', 'ERP 实施', '智能仓储方案', '设备采购', '年度维保服务', '数据中心扩容', 'CRM 上线', '产线自动化改造', '安全生产监控', '视频会议系统', '云服务订阅', '工业机器人'];

export const ACTIVITY_SUBJECTS: Record<string, string[]> = {
  task: ['准备报价单', '发送技术方案', '跟进付款进度', '整理需求清单', '安排演示环境'],
  event: ['产品演示会', '项目启动会', '季度业务回顾', '技术交流会'],
  visit: ['拜访客户', '现场勘察', '拜访采购负责人', '拜访技术负责人'],
  call: ['电话回访', '确认需求', '催办合同', '预约拜访'],
  email: ['发送报价邮件', '发送会议纪要', '发送合同草稿'],
};
