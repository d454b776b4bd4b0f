/** The demo organisation's people. Every demo login uses DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Tessera#2026';
const DEMO_DOMAIN = 'tessera.demo';

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  title: string;
  isAdmin?: boolean;
  /** Owns customer records (reps and their managers). */
  sells?: boolean;
  locale?: 'en' | 'zh-CN';
  role: string;
  department: string;
  /** Key of the user's manager. */
  manager?: string;
  permissionSets: string[];
  /** Regions whose customers this seller looks after. */
  regions?: string[];
}

const u = (
  key: string,
  name: string,
  title: string,
  extra: Omit<Partial<DemoUser>, 'key' | 'name' | 'title'> & Pick<DemoUser, 'role' | 'department' | 'permissionSets'>,
): DemoUser => ({ key, email: `${key}@${DEMO_DOMAIN}`, name, title, ...extra });
const REP = ['sales_rep'];
const MGR = ['sales_manager'];

export const DEMO_USERS: DemoUser[] = [
  u('admin', 'System Admin', 'System administrator', { isAdmin: true, role: 'system_admin', department: 'it', permissionSets: ['admin'] }),
  u('gm', '王建国', 'General manager', { locale: 'zh-CN', role: 'general_manager', department: 'hq', permissionSets: MGR }),
  u('director.east', '李明', 'Sales director, East', {
    sells: true,
    role: 'sales_director_east',
    department: 'sales_east',
    manager: 'gm',
    permissionSets: MGR,
    regions: ['east', 'central'],
  }),
  u('director.north', '张伟', 'Sales director, North & South', {
    sells: true,
    role: 'sales_director_north',
    department: 'sales_north',
    manager: 'gm',
    permissionSets: MGR,
    regions: ['north', 'northeast', 'south'],
  }),
  u('commercial', '陈静', 'Commercial director', { role: 'commercial_director', department: 'commercial', manager: 'gm', permissionSets: MGR }),
  u('manager.shanghai', '刘洋', 'Regional manager, Shanghai', {
    sells: true,
    role: 'regional_manager_shanghai',
    department: 'sales_shanghai',
    manager: 'director.east',
    permissionSets: MGR,
    regions: ['east'],
  }),
  u('manager.hangzhou', '赵磊', 'Regional manager, Hangzhou', {
    sells: true,
    role: 'regional_manager_hangzhou',
    department: 'sales_hangzhou',
    manager: 'director.east',
    permissionSets: MGR,
    regions: ['east', 'central'],
  }),
  u('manager.beijing', '孙丽', 'Regional manager, Beijing', {
    sells: true,
    role: 'regional_manager_beijing',
    department: 'sales_beijing',
    manager: 'director.north',
    permissionSets: MGR,
    regions: ['north', 'northeast', 'northwest'],
  }),
  u('manager.shenzhen', '黄涛', 'Regional manager, Shenzhen', {
    sells: true,
    role: 'regional_manager_shenzhen',
    department: 'sales_shenzhen',
    manager: 'director.north',
    permissionSets: MGR,
    regions: ['south', 'southwest', 'overseas'],
  }),
  u('zhou.jie', '周杰', 'Sales rep, Shanghai', {
    sells: true,
    role: 'sales_rep_shanghai',
    department: 'sales_shanghai',
    manager: 'manager.shanghai',
    permissionSets: REP,
    regions: ['east'],
  }),
  u('wu.fang', '吴芳', 'Sales rep, Shanghai', {
    sells: true,
    locale: 'zh-CN',
    role: 'sales_rep_shanghai',
    department: 'sales_shanghai',
    manager: 'manager.shanghai',
    permissionSets: REP,
    regions: ['east'],
  }),
  u('zheng.hao', '郑浩', 'Sales rep, Shanghai', {
    sells: true,
    role: 'sales_rep_shanghai',
    department: 'sales_shanghai',
    manager: 'manager.shanghai',
    permissionSets: REP,
    regions: ['east'],
  }),
  u('wang.fang', '王芳', 'Sales rep, Hangzhou', {
    sells: true,
    role: 'sales_rep_hangzhou',
    department: 'sales_hangzhou',
    manager: 'manager.hangzhou',
    permissionSets: REP,
    regions: ['east', 'central'],
  }),
  u('lin.tao', '林涛', 'Sales rep, Hangzhou', {
    sells: true,
    role: 'sales_rep_hangzhou',
    department: 'sales_hangzhou',
    manager: 'manager.hangzhou',
    permissionSets: REP,
    regions: ['central'],
  }),
  u('he.min', '何敏', 'Sales rep, Beijing', {
    sells: true,
    role: 'sales_rep_beijing',
    department: 'sales_beijing',
    manager: 'manager.beijing',
    permissionSets: REP,
    regions: ['north'],
  }),
  u('gao.xiang', '高翔', 'Sales rep, Beijing', {
    sells: true,
    role: 'sales_rep_beijing',
    department: 'sales_beijing',
    manager: 'manager.beijing',
    permissionSets: REP,
    regions: ['northeast', 'northwest'],
  }),
  u('luo.lin', '罗琳', 'Sales rep, Shenzhen', {
    sells: true,
    role: 'sales_rep_shenzhen',
    department: 'sales_shenzhen',
    manager: 'manager.shenzhen',
    permissionSets: REP,
    regions: ['south'],
  }),
  u('liang.chao', '梁超', 'Sales rep, Shenzhen', {
    sells: true,
    role: 'sales_rep_shenzhen',
    department: 'sales_shenzhen',
    manager: 'manager.shenzhen',
    permissionSets: REP,
    regions: ['south', 'southwest'],
  }),
  u('xu.jing', '徐静', 'Sales rep, Shenzhen', {
    sells: true,
    role: 'sales_rep_shenzhen',
    department: 'sales_shenzhen',
    manager: 'manager.shenzhen',
    permissionSets: REP,
    regions: ['southwest', 'overseas'],
  }),
  u('finance', '马丽', 'Finance manager', { role: 'finance_manager', department: 'finance', manager: 'gm', permissionSets: MGR }),
];

/** The demo role hierarchy: [name, English label, Chinese label, parent]. */
export const DEMO_ROLES: [string, string, string, string | null][] = [
  ['system_admin', 'System administrator', '系统管理员', null],
  ['general_manager', 'General manager', '总经理', null],
  ['sales_director_east', 'Sales director, East', '华东销售总监', 'general_manager'],
  ['sales_director_north', 'Sales director, North & South', '华北华南销售总监', 'general_manager'],
  ['commercial_director', 'Commercial director', '商务总监', 'general_manager'],
  ['finance_manager', 'Finance manager', '财务经理', 'general_manager'],
  ['regional_manager_shanghai', 'Regional manager, Shanghai', '上海区域经理', 'sales_director_east'],
  ['regional_manager_hangzhou', 'Regional manager, Hangzhou', '杭州区域经理', 'sales_director_east'],
  ['regional_manager_beijing', 'Regional manager, Beijing', '北京区域经理', 'sales_director_north'],
  ['regional_manager_shenzhen', 'Regional manager, Shenzhen', '深圳区域经理', 'sales_director_north'],
  ['sales_rep_shanghai', 'Sales rep, Shanghai', '上海销售代表', 'regional_manager_shanghai'],
  ['sales_rep_hangzhou', 'Sales rep, Hangzhou', '杭州销售代表', 'regional_manager_hangzhou'],
  ['sales_rep_beijing', 'Sales rep, Beijing', '北京销售代表', 'regional_manager_beijing'],
  ['sales_rep_shenzhen', 'Sales rep, Shenzhen', '深圳销售代表', 'regional_manager_shenzhen'],
];

/** The demo department tree: [name, English label, Chinese label, parent, head user key]. */
export const DEMO_DEPARTMENTS: [string, string, string, string | null, string | null][] = [
  ['hq', 'Head office', '总部', null, 'gm'],
  ['sales', 'Sales', '销售中心', 'hq', 'gm'],
  ['sales_east', 'Sales East', '华东大区', 'sales', 'director.east'],
  ['sales_shanghai', 'Shanghai sales', '上海销售部', 'sales_east', 'manager.shanghai'],
  ['sales_hangzhou', 'Hangzhou sales', '杭州销售部', 'sales_east', 'manager.hangzhou'],
  ['sales_north', 'Sales North & South', '华北华南大区', 'sales', 'director.north'],
  ['sales_beijing', 'Beijing sales', '北京销售部', 'sales_north', 'manager.beijing'],
  ['sales_shenzhen', 'Shenzhen sales', '深圳销售部', 'sales_north', 'manager.shenzhen'],
  ['commercial', 'Commercial', '商务部', 'hq', 'commercial'],
  ['finance', 'Finance', '财务部', 'hq', 'finance'],
  ['it', 'IT', '信息部', 'hq', 'admin'],
];
