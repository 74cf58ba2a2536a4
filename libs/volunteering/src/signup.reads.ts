/**
 * What other contexts may read about sign-ups in a statement that must stay one (the reports'
 * aggregates): the table and the attendance rules, written here only.
 */
export const SignupSql = {
  /** All sign-ups as `alias`: `task_id`, `volunteer_id`, `status`, `hours`, `seq` may be read. */
  signups: (alias: string) => `signups ${alias}`,
  /** The sign-up `alias` was attended: its hours count as work done. */
  isAttended: (alias: string) => `${alias}.status = 'attended'`,
  /** The sign-up `alias` is a no-show. */
  isNoShow: (alias: string) => `${alias}.status = 'no_show'`,
  /** The sign-up `alias` has its attendance recorded: attended or a no-show. */
  hasAttendance: (alias: string) => `${alias}.status IN ('attended', 'no_show')`,
};
