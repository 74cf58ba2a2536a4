/**
 * Shapes of responses the OpenAPI document does not describe in detail yet (it types the request
 * bodies). Kept to the fields the pages read, named as API.md names them.
 */
export type Role = 'volunteer' | 'coordinator' | 'admin';
export type Locale = 'en' | 'ar' | 'ckb' | 'kmr';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  emailVerified?: boolean;
  locale?: Locale;
  /** Volunteers: the phone for texts, shown to no one else. */
  phone?: { number: string; verified: boolean } | null;
  organization: { id: string; name: string; status: OrganizationStatus; memberRole: string } | null;
}

export interface Session {
  user: { id: string; email: string; displayName: string; role: Role };
  accessToken: string;
}

export type OrganizationStatus = 'pending' | 'approved' | 'rejected' | 'suspended' | 'closed';

export interface Organization {
  id: string;
  name: string;
  country: string;
  description: string;
  focusAreas: string[];
  website: string | null;
  status: OrganizationStatus;
  registrationNumber?: string;
  contactEmail?: string;
  reviewBy?: string | null;
  createdAt?: string;
  decisions?: { decision: string; reason: string | null; createdAt: string }[];
}

export interface Camp {
  id: string;
  name: string;
  country: string;
  region: string;
  timezone: string;
}

export type Category =
  'education' | 'mentorship' | 'supplies' | 'health' | 'psychosocial' | 'livelihoods' | 'other';
export const CATEGORIES: Category[] = [
  'education',
  'mentorship',
  'supplies',
  'health',
  'psychosocial',
  'livelihoods',
  'other',
];
export type Urgency = 'low' | 'medium' | 'high' | 'critical';

export interface Task {
  id: string;
  needId: string;
  organizationId: string;
  organizationName: string;
  campId: string;
  campName: string;
  timezone: string;
  category: Category;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  skills: string[];
  languages: string[];
  remote: boolean;
  signupMode: 'open' | 'review';
  requiresSafeguarding: boolean;
  status: string;
  statusReason: string | null;
}

export interface Recommendation extends Task {
  score: number;
  reasons: string[];
}

export interface NeedItem {
  id: string;
  name: string;
  unit: string;
  quantity: number;
  pledged: number;
  delivered: number;
  remaining: number;
}

export interface Need {
  id: string;
  organizationId: string;
  organizationName: string;
  campId: string;
  campName: string;
  category: Category;
  title: string;
  description: string;
  urgency: Urgency;
  beneficiaries: { count: number | string; ageGroup: string } | null;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  statusReason: string | null;
  items: NeedItem[];
  taskCount: number;
}

export type SignupStatus =
  'confirmed' | 'waitlisted' | 'pending' | 'declined' | 'withdrawn' | 'attended' | 'no_show';

export interface Signup {
  id: string;
  taskId: string;
  status: SignupStatus;
  waitlistPosition?: number | null;
  hours: number | null;
}

export interface MySignup {
  id: string;
  status: SignupStatus;
  hours: number | null;
  waitlistPosition?: number | null;
  task: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    status: string;
    remote: boolean;
    timezone: string;
    campName: string;
    organizationName: string;
  };
  need: { id: string; title: string };
}

export interface MySignups {
  items: MySignup[];
  nextCursor: string | null;
  totals: { hours: number; attended: number; upcoming: number };
}

export interface TaskSignup {
  id: string;
  status: SignupStatus;
  hours: number | null;
  waitlistPosition?: number | null;
  volunteer: { id: string; displayName: string; skills: string[]; languages: string[] };
  noShowsLast12Months: number;
  safeguarding?: { cleared: boolean; validUntil?: string | null };
}

export interface Pledge {
  id: string;
  status: string;
  quantity: number;
  itemId?: string;
  needId?: string;
  createdAt?: string;
}

export interface Availability {
  weekday: number;
  from: string;
  to: string;
}

export interface VolunteerProfile {
  skills: string[];
  languages: string[];
  availability: Availability[];
  remote: boolean;
  campIds: string[];
  bio: string | null;
}

export interface Notification {
  id: string;
  type: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  /** What it is about, for a link to its page. */
  subject: { type: 'task' | 'need' | 'organization'; id: string } | null;
}

export interface Preferences {
  email: boolean;
  inApp: boolean;
  sms: boolean;
  digest: 'off' | 'daily' | 'weekly';
  quietHours: { from: string; to: string } | null;
}

export interface Clearance {
  id: string;
  volunteerId: string;
  volunteerName?: string;
  validUntil: string;
  createdAt: string;
  revokedAt?: string | null;
}

export interface Invitation {
  id: string;
  organization: { id: string; name: string };
  invitedAt: string;
  expiresAt: string;
}

export interface ReportSummary {
  from: string;
  to: string;
  needs: { open: number; filled: number; closed: number; cancelled: number };
  tasks: { completed: number; cancelled: number };
  volunteerHours: number;
  volunteers: number | string;
  noShowRate: number | null;
  suppliesDelivered: { unit: string; quantity: number }[];
  beneficiariesReached: number | string;
  byMonth: { month: string; volunteerHours: number; tasksCompleted: number; volunteers: number | string }[];
  byCamp: {
    campId: string;
    campName: string;
    volunteerHours: number;
    tasksCompleted: number;
    beneficiariesReached: number | string;
  }[];
  byOrganization?: {
    organizationId: string;
    organizationName: string;
    volunteerHours: number;
    tasksCompleted: number;
  }[];
}

export interface AuditEntry {
  id: string;
  actorId: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  createdAt: string;
  data?: unknown;
}
