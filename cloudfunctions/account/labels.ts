/** Display labels for stored codes (Chinese, shown to users). */
export const HOUSEHOLD_CATEGORY_LABELS: Record<string, string> = {
  dibao: '城镇最低生活保障家庭（低保）',
  tekun: '分散供养特困人员',
  low_income: '城镇低收入住房困难家庭',
  housing_difficulty: '城镇中等偏下收入住房困难家庭',
  migrant_worker: '外来务工人员',
  rural_to_urban: '进城落户农民',
  new_employee: '新就业无房职工',
};

export const HOUSEHOLD_STATUS_LABELS: Record<string, string> = {
  applying: '申请审核中',
  waitlisted: '轮候中',
  tenant: '在租',
  subsidy: '领取租赁补贴',
  exited: '已退出',
};
