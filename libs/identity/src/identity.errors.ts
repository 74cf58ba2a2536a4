import { DomainError } from '@haven/core';

export const IdentityErrors = {
  emailTaken: () => new DomainError('email_taken', 409, 'An account with this e-mail already exists.'),
  invalidCredentials: () => new DomainError('invalid_credentials', 401, 'The e-mail or password is wrong.'),
  invalidRefreshToken: () =>
    new DomainError('invalid_refresh_token', 401, 'The refresh token is not valid; sign in again.'),
  accountSuspended: () =>
    new DomainError(
      'account_suspended',
      403,
      'This account is suspended. Contact the platform administrators.',
    ),
  wrongPassword: (field = 'password') =>
    new DomainError('validation', 400, 'The request has invalid fields.', [
      { field, message: 'is not your current password' },
    ]),
  invalidToken: () =>
    new DomainError('invalid_token', 400, 'This link is unknown, used or expired; ask for a new one.', [
      { field: 'token', message: 'is unknown, used or expired' },
    ]),
  lastAdmin: () =>
    new DomainError(
      'last_admin',
      409,
      'The last active admin cannot delete their account; create another admin first.',
    ),
};
