import { DomainError } from '@haven/core';

export const OrganizationErrors = {
  alreadyMember: () =>
    new DomainError(
      'already_member',
      409,
      'You already belong to an organisation; leave it before accepting an invitation to another.',
    ),
  callerAlreadyMember: () =>
    new DomainError(
      'already_member',
      409,
      'You already belong to an organisation; leave it before applying for another.',
    ),
  illegalTransition: (from: string, action: string) =>
    new DomainError('illegal_transition', 409, `An organisation that is ${from} cannot be ${action}.`),
  lastOwner: () =>
    new DomainError('last_owner', 409, 'An organisation keeps at least one owner; add another owner first.'),
  notOwner: () =>
    new DomainError('forbidden', 403, 'Only an owner of the organisation can change its members.'),
  notActive: (status: string) =>
    new DomainError(
      'organization_not_active',
      403,
      `The organisation is ${status}; its members can read but not change anything.`,
    ),
  soleOwner: () =>
    new DomainError(
      'sole_owner',
      409,
      'You are the only owner of your organisation and it has other members: make one of them its owner (PATCH /organizations/:id/members/:userId with memberRole "owner") before deleting your account.',
    ),
  invitationAnswered: (status: string) =>
    new DomainError('invitation_answered', 409, `This invitation is already ${status}.`),
  invitationExpired: () =>
    new DomainError('invitation_expired', 409, 'This invitation has expired; ask the owner for a new one.'),
  invitationClosed: (status: string) =>
    new DomainError(
      'organization_not_active',
      409,
      `The organisation is ${status}; it cannot take new members now.`,
    ),
  campExists: () =>
    new DomainError('camp_exists', 409, 'A camp with this name already exists in this country.'),
};
