/**
 * What other contexts may read about needs, their items and pledges in a statement that must stay
 * one (the reports' aggregates): the tables and the "delivered" rule, written here only.
 */
export const NeedSql = {
  /** All needs as `alias`: `organization_id`, `camp_id`, `status`, `category`, `beneficiary_count`, `created_at` may be read. */
  needs: (alias: string) => `needs ${alias}`,
  /** All pledges as `alias`: `need_id`, `item_id`, `quantity`, `status` may be read. */
  pledges: (alias: string) => `pledges ${alias}`,
  /** Joins the need item whose id is `idExpression` as `alias`: its `unit` may be read. */
  joinItem: (alias: string, idExpression: string) =>
    `JOIN need_items ${alias} ON ${alias}.id = ${idExpression}`,
  /** The pledge `alias` was delivered. */
  isDelivered: (alias: string) => `${alias}.status = 'delivered'`,
  /** When the delivered pledge `alias` was delivered: a delivered pledge is final, so its last change. */
  deliveredAt: (alias: string) => `${alias}.updated_at`,
};
