import { DomainError } from '@haven/core';

export const OrganizationErrors = {
  alreadyMember: () =>
    new DomainError('already_member', 409, 'This coordinator already belongs to an organisation.'),
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
  noSuchCoordinator: () =>
    new DomainError(
      'not_found',
      404,
      'No active coordinator account has this e-mail; ask them to register first.',
    ),
  campExists: () =>
    new DomainError('camp_exists', 409, 'A camp with this name already exists in this country.'),
};
