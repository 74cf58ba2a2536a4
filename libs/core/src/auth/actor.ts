export const ROLES = ['admin', 'coordinator', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as the guards established it for this very request. */
export interface Actor {
  id: string;
  role: Role;
  /** False until the account's e-mail is verified; routes marked @RequiresVerifiedEmail() need it. */
  emailVerified?: boolean;
  /** The session (refresh-token family) of the access token, when it names one. */
  sessionId?: string;
}
