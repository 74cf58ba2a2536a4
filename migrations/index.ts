import { CreateUsers1764050000000 } from './1764050000000-create-users';
import { OrganizationsCampsAuditOutbox1764060000000 } from './1764060000000-organizations-camps-audit-outbox';
import { NeedsItemsPledgesTasks1764070000000 } from './1764070000000-needs-items-pledges-tasks';
import { Volunteering1764080000000 } from './1764080000000-volunteering';
import { Notifications1764090000000 } from './1764090000000-notifications';
import { UpdatedNotBeforeCreated1764100000000 } from './1764100000000-updated-not-before-created';
import { Accounts1764103000000 } from './1764103000000-accounts';
import { InvitationsClearanceRevocation1764105000000 } from './1764105000000-invitations-clearance-revocation';
import { PhonesSms1764107000000 } from './1764107000000-phones-sms';
import { Retention1764110000000 } from './1764110000000-retention';
import { OrganizationClosed1764112000000 } from './1764112000000-organization-closed';
import { DeliveryClaims1764113000000 } from './1764113000000-delivery-claims';
import { ReadVersions1764120000000 } from './1764120000000-read-versions';
import { ErasureInCode1764121000000 } from './1764121000000-erasure-in-code';
import { UserReadVersions1764126000000 } from './1764126000000-user-read-versions';
import { ConfirmedSignupsByVolunteer1764127500000 } from './1764127500000-confirmed-signups-by-volunteer';

/** Every migration, in order. Listed explicitly: globs break in monorepo builds. */
export const migrations = [
  CreateUsers1764050000000,
  OrganizationsCampsAuditOutbox1764060000000,
  NeedsItemsPledgesTasks1764070000000,
  Volunteering1764080000000,
  Notifications1764090000000,
  UpdatedNotBeforeCreated1764100000000,
  Accounts1764103000000,
  InvitationsClearanceRevocation1764105000000,
  PhonesSms1764107000000,
  Retention1764110000000,
  OrganizationClosed1764112000000,
  DeliveryClaims1764113000000,
  ReadVersions1764120000000,
  ErasureInCode1764121000000,
  UserReadVersions1764126000000,
  ConfirmedSignupsByVolunteer1764127500000,
];
