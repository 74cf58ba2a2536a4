export const ROLES = ['admin', 'coordinator', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as the guards established it for this very request. */
export interface Actor {
  id: string;
  role: Role;
}
