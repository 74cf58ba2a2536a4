/**
 * English: the reference catalogue. Every message is an ICU MessageFormat string; the other
 * catalogues carry exactly the same keys and placeholders (catalogue.spec.ts checks it).
 * Arguments are facts, never free text about a beneficiary: names of organisations, tasks and needs,
 * times already formatted in the camp's time zone, counts.
 */
export const EN = {
  'common.aTask': 'a task',
  'common.aNeed': 'a need',
  'common.aVolunteer': 'a volunteer',
  'common.yourOrganisation': 'Your organisation',
  'common.remote': 'remote',
  'common.soon': 'soon',
  'common.quoted': '"{title}"',
  'common.taskTime': ' on {when}, {place}',
  'common.listItem': '• {title}, {when}',
  'email.greeting': 'Hello {name},',
  'email.signoff': '— Haven',

  'organization.approved.title': '{organization} is approved',
  'organization.approved.body':
    '{organization} has been vetted and approved on Haven. You can now post needs and tasks.',
  'organization.rejected.title': '{organization} was not approved',
  'organization.rejected.body':
    "Haven's vetting did not approve {organization}. The decision and its reason are on the organisation's page.",
  'organization.suspended.title': '{organization} is suspended',
  'organization.suspended.body':
    '{organization} has been suspended: its needs and tasks are hidden and nothing can be changed until it is reinstated.',
  'organization.reinstated.title': '{organization} is reinstated',
  'organization.reinstated.body':
    '{organization} is approved again; its open needs and tasks are visible once more.',
  'organization.review_due.title': 'Organisations are due for re-vetting',
  'organization.review_due.body':
    '{count, plural, one {# organisation has} other {# organisations have}} reached the review date. See the vetting queue.',
  'organization.invitation.title': '{organization} invites you to join',
  'organization.invitation.body':
    '{organization} invites you to join it on Haven as a coordinator. Accept or decline under Invitations on Haven before {expires}; you join only if you accept.',
  'need.cancelled.title': 'Cancelled: {need}',
  'need.cancelled.body':
    'The need "{need}" was cancelled, with its tasks and open pledges. Thank you for offering your help.',
  'task.changed.title': 'Changed: {task}',
  'task.changed.body': '{task} has moved. It is now{taskTime}.',
  'task.cancelled.title': 'Cancelled: {task}',
  'task.cancelled.body': '{task}{taskTime} was cancelled. Your place is released.',
  'signup.received.title': 'New sign-up to review: {task}',
  'signup.received.body':
    "A volunteer signed up for {task}{taskTime}. Review it on the task's sign-ups page.",
  'signup.confirmed.title': "You're confirmed: {task}",
  'signup.confirmed.body': 'Your place on {task}{taskTime} is confirmed.',
  'signup.waitlisted.title': "You're on the waitlist: {task}",
  'signup.waitlisted.body':
    '{task}{taskTime} is full. You are on the waitlist and will be told if a place frees up.',
  'signup.promoted.title': 'A place opened up: {task}',
  'signup.promoted.body': 'You moved from the waitlist to confirmed for {task}{taskTime}.',
  'signup.declined.title': 'Not this time: {task}',
  'signup.declined.body':
    'The organisers could not take your sign-up for {task}. Other tasks may fit you: see your recommendations.',
  'signup.withdrawn.title': 'You withdrew: {task}',
  'signup.withdrawn.body': 'You are no longer signed up for {task}{taskTime}.',
  'signup.attendance_recorded.title': 'Thank you: {task}',
  'signup.attendance_recorded.body':
    '{status, select, attended {Your attendance at {task} is recorded. Thank you for your time.} other {You were recorded as absent from {task}. If that is wrong, contact the organisers.}}',
  'signup.reminder.title': 'Tomorrow: {task}',
  'signup.reminder.body': 'A reminder: {task} starts{taskTime}.',
  'safeguarding.revoked.title': 'Your safeguarding clearance was revoked',
  'safeguarding.revoked.body':
    '{organization} revoked the safeguarding clearance it had recorded for you. {hasTasks, select, yes {Your places on these tasks that need safeguarding are back under review:{taskList}} other {None of your confirmed places changed.}}',
  'safeguarding.revoked_review.title': 'Safeguarding clearance revoked: {volunteer}',
  'safeguarding.revoked_review.body':
    'The safeguarding clearance of {volunteer} was revoked. {hasTasks, select, yes {Their confirmed places on these tasks went back to review, and the waitlists moved up:{taskList}} other {They held no confirmed place on a task that needs safeguarding.}}',
  'safeguarding.expiring.title': 'Safeguarding clearance ends on {validUntil}',
  'safeguarding.expiring.body':
    'The safeguarding clearance that {organization} recorded for {volunteer} is valid until {validUntil}. After that day they cannot be confirmed for its tasks that need safeguarding until a new clearance is recorded.',
  'account.inactive.title': 'Your Haven account will be deleted on {deleteOn}',
  'account.inactive.body':
    'You have not signed in to Haven for a long time. Unused accounts are deleted: your name and e-mail address are removed and only anonymous totals stay. Sign in before {deleteOn} to keep your account.',
  'account.verify_email.subject': 'Confirm your e-mail address for Haven',
  'account.verify_email.before': 'Please confirm that this address is yours by opening this link:',
  'account.verify_email.after':
    'The link works once, for 24 hours. Until then you can sign in and look around, but not sign up for tasks, pledge or post. If you did not create a Haven account, ignore this e-mail.',
  'account.password_reset.subject': 'Reset your Haven password',
  'account.password_reset.before':
    'Someone, we hope you, asked to reset the password of your Haven account. Choose a new one here:',
  'account.password_reset.after':
    'The link works once, for 30 minutes, and signs you out everywhere. If you did not ask, ignore this e-mail: your password stays as it is.',
  'digest.title': '{count, plural, one {# new task that may fit you} other {# new tasks that may fit you}}',
  'digest.body': '{taskList}',

  'sms.signup.reminder': 'Haven: a reminder, {task} starts {when}, {place}. Reply STOP to end texts.',
  'sms.signup.promoted':
    'Haven: a place opened up. You are now confirmed for {task}, {when}, {place}. Reply STOP to end texts.',
  'sms.task.changed': 'Haven: {task} has moved. It is now {when}, {place}. Reply STOP to end texts.',
  'sms.task.cancelled':
    'Haven: {task} on {when} was cancelled. Your place is released. Reply STOP to end texts.',
  'sms.need.cancelled':
    'Haven: {need} was cancelled, with its tasks. Thank you for offering your help. Reply STOP to end texts.',
  'sms.phone.code':
    'Haven: your code is {code}. It works for 10 minutes. If you did not ask for it, ignore this text.',
} as const;

export type MessageKey = keyof typeof EN;
export type Catalogue = Record<MessageKey, string>;
