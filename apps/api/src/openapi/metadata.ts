/* eslint-disable */
export default async () => {
  const t = {
    ['../auth/dto/auth.dto']: await import('../auth/dto/auth.dto'),
    ['../me/dto/me.dto']: await import('../me/dto/me.dto'),
    ['../needs/dto/need.dto']: await import('../needs/dto/need.dto'),
    ['../volunteering/dto/volunteering.dto']: await import('../volunteering/dto/volunteering.dto'),
    ['./problem.dto']: await import('./problem.dto'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [
          import('../organizations/dto/organization.dto'),
          {
            ApplyOrganizationDto: {
              name: { required: true, type: () => String, minLength: 2, maxLength: 200 },
              country: { required: true, type: () => String },
              registrationNumber: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              contactEmail: { required: true, type: () => String, maxLength: 254, format: 'email' },
              description: { required: true, type: () => String },
              focusAreas: {
                required: true,
                type: () => [Object],
                enum: [
                  'education',
                  'mentorship',
                  'supplies',
                  'health',
                  'psychosocial',
                  'livelihoods',
                  'other',
                ],
                isArray: true,
                minItems: 1,
              },
              website: { required: false, type: () => String, maxLength: 500, format: 'uri' },
            },
            OrganizationListQuery: {
              status: { required: false, enum: ['suspended', 'pending', 'approved', 'rejected'] },
              reviewDue: { required: false, type: () => Boolean },
            },
            ReasonDto: { reason: { required: true, type: () => String } },
            ApproveDto: {
              note: { required: false, type: () => String },
              reviewBy: { required: false, type: () => String, minLength: 10, maxLength: 10 },
            },
            AddMemberDto: { email: { required: true, type: () => String, maxLength: 254, format: 'email' } },
            MemberRoleDto: { memberRole: { required: true, enum: ['coordinator', 'owner'] } },
          },
        ],
        [
          import('../auth/dto/auth.dto'),
          {
            RegisterDto: {
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
              password: { required: true, type: () => String },
              displayName: { required: true, type: () => String, minLength: 1, maxLength: 80 },
              role: { required: true, enum: ['coordinator', 'volunteer'] },
            },
            LoginDto: {
              email: { required: true, type: () => String, minLength: 3, maxLength: 254 },
              password: { required: true, type: () => String, minLength: 1 },
            },
            RefreshDto: {
              refreshToken: { required: true, type: () => String, minLength: 20, maxLength: 200 },
            },
            UserDto: {
              id: { required: true, type: () => String },
              email: { required: true, type: () => String },
              displayName: { required: true, type: () => String },
              role: { required: true, enum: ['admin', 'coordinator', 'volunteer'] },
            },
            SessionDto: {
              user: { required: true, type: () => t['../auth/dto/auth.dto'].UserDto },
              accessToken: { required: true, type: () => String },
              refreshToken: { required: true, type: () => String },
              expiresIn: { required: true, type: () => Number },
            },
          },
        ],
        [
          import('../me/dto/me.dto'),
          {
            MeOrganizationDto: {
              id: { required: true, type: () => String },
              name: { required: true, type: () => String },
              status: { required: true, type: () => String },
              memberRole: { required: true, type: () => String },
            },
            MeDto: {
              id: { required: true, type: () => String },
              email: { required: true, type: () => String },
              displayName: { required: true, type: () => String },
              role: { required: true, type: () => String },
              organization: {
                required: true,
                type: () => t['../me/dto/me.dto'].MeOrganizationDto,
                nullable: true,
              },
            },
          },
        ],
        [
          import('../needs/dto/need.dto'),
          {
            BeneficiariesDto: {
              count: { required: true, type: () => Number, minimum: 1, maximum: 100000 },
              ageGroup: { required: true, enum: ['children', 'youth', 'adults', 'mixed'] },
            },
            ItemDto: {
              id: { required: false, type: () => String, format: 'uuid' },
              name: { required: true, type: () => String },
              unit: { required: true, type: () => String },
              quantity: { required: true, type: () => Number, minimum: 1, maximum: 1000000 },
            },
            CreateNeedDto: {
              campId: { required: true, type: () => String, format: 'uuid' },
              category: {
                required: true,
                enum: [
                  'education',
                  'mentorship',
                  'supplies',
                  'health',
                  'psychosocial',
                  'livelihoods',
                  'other',
                ],
              },
              title: { required: true, type: () => String },
              description: { required: true, type: () => String },
              urgency: { required: true, enum: ['low', 'medium', 'high', 'critical'] },
              beneficiaries: {
                required: false,
                type: () => t['../needs/dto/need.dto'].BeneficiariesDto,
                nullable: true,
              },
              startsOn: { required: false, type: () => String, nullable: true },
              endsOn: { required: false, type: () => String, nullable: true },
              items: { required: false, type: () => [t['../needs/dto/need.dto'].ItemDto], maxItems: 50 },
            },
            UpdateNeedDto: {},
            NeedListQuery: {
              category: {
                required: false,
                enum: [
                  'education',
                  'mentorship',
                  'supplies',
                  'health',
                  'psychosocial',
                  'livelihoods',
                  'other',
                ],
              },
              campId: { required: false, type: () => String, format: 'uuid' },
              status: { required: false, enum: ['open', 'filled', 'closed', 'cancelled'] },
              urgency: { required: false, enum: ['low', 'medium', 'high', 'critical'] },
              organizationId: { required: false, type: () => String, format: 'uuid' },
              q: { required: false, type: () => String, maxLength: 200 },
              sort: { required: false, enum: ['urgency', 'newest'] },
            },
            OptionalReasonDto: { reason: { required: false, type: () => String } },
            PledgeDto: { quantity: { required: true, type: () => Number, minimum: 1, maximum: 1000000 } },
          },
        ],
        [
          import('../needs/dto/task.dto'),
          {
            CreateTaskDto: {
              title: { required: true, type: () => String },
              description: { required: true, type: () => String },
              startsAt: { required: true, type: () => String },
              endsAt: { required: true, type: () => String },
              capacity: { required: true, type: () => Number, minimum: 1, maximum: 1000 },
              skills: { required: false, type: () => [String], maxItems: 20, minLength: 1, maxLength: 50 },
              languages: { required: false, type: () => [String], maxItems: 20 },
              remote: { required: false, type: () => Boolean },
              signupMode: { required: false, enum: ['open', 'review'] },
              requiresSafeguarding: { required: false, type: () => Boolean },
            },
            UpdateTaskDto: {},
            TaskListQuery: {
              campId: { required: false, type: () => String, format: 'uuid' },
              category: {
                required: false,
                enum: [
                  'education',
                  'mentorship',
                  'supplies',
                  'health',
                  'psychosocial',
                  'livelihoods',
                  'other',
                ],
              },
              skill: { required: false, type: () => String, minLength: 1, maxLength: 50 },
              language: { required: false, type: () => String },
              remote: { required: false, type: () => Boolean },
              from: { required: false, type: () => String },
              to: { required: false, type: () => String },
              hasSpace: { required: false, type: () => Boolean },
              needId: { required: false, type: () => String, format: 'uuid' },
              organizationId: { required: false, type: () => String, format: 'uuid' },
            },
          },
        ],
        [
          import('../volunteering/dto/volunteering.dto'),
          {
            AvailabilityDto: {
              weekday: { required: true, type: () => Number, minimum: 0, maximum: 6 },
              from: { required: true, type: () => String },
              to: { required: true, type: () => String },
            },
            VolunteerProfileDto: {
              skills: { required: true, type: () => [String], maxItems: 30, minLength: 1, maxLength: 50 },
              languages: { required: true, type: () => [String], maxItems: 20 },
              availability: {
                required: true,
                type: () => [t['../volunteering/dto/volunteering.dto'].AvailabilityDto],
                maxItems: 50,
              },
              remote: { required: true, type: () => Boolean },
              campIds: { required: true, type: () => [String], format: 'uuid', maxItems: 50 },
              bio: { required: false, type: () => String, nullable: true },
            },
            AttendanceDto: {
              status: { required: true, enum: ['attended', 'no_show'] },
              hours: { required: false, type: () => Number, minimum: 0.25, maximum: 24 },
            },
            ClearanceDto: {
              volunteerId: { required: true, type: () => String, format: 'uuid' },
              validUntil: { required: true, type: () => String },
            },
            RecommendedQuery: {
              limit: { required: true, type: () => Object, default: 20, minimum: 1, maximum: 50 },
            },
            CalendarQuery: {
              token: {
                required: true,
                type: () => String,
                minLength: 20,
                maxLength: 100,
                pattern: '^[A-Za-z0-9_-]+$',
              },
            },
          },
        ],
        [
          import('./problem.dto'),
          {
            FieldErrorDto: {
              field: { required: true, type: () => String },
              message: { required: true, type: () => String },
            },
            ProblemDto: {
              type: { required: true, type: () => String },
              title: { required: true, type: () => String },
              status: { required: true, type: () => Number },
              detail: { required: false, type: () => String },
              errors: { required: false, type: () => [t['./problem.dto'].FieldErrorDto] },
              errorId: { required: false, type: () => String },
            },
          },
        ],
      ],
      controllers: [
        [
          import('../admin/admin.controller'),
          {
            AdminController: {
              openQueues: {
                summary:
                  'Opens the queues dashboard for this browser: a short-lived HTTP-only cookie for /admin/queues.',
              },
              auditLog: {},
              suspend: { type: Object },
              reinstate: { type: Object },
              stats: {},
            },
          },
        ],
        [
          import('../camps/camps.controller'),
          { CampsController: { list: {}, get: {}, create: {}, update: {} } },
        ],
        [
          import('../organizations/organizations.controller'),
          {
            OrganizationsController: {
              apply: {},
              list: {},
              get: { type: Object },
              approve: {},
              reject: {},
              suspend: {},
              reinstate: {},
              members: {},
              addMember: {},
              changeMemberRole: {},
              removeMember: {},
            },
          },
        ],
        [
          import('../auth/auth.controller'),
          {
            AuthController: {
              register: { type: Object },
              login: { type: Object },
              refresh: { type: Object },
              logout: {},
            },
          },
        ],
        [
          import('../health/health.controller'),
          {
            HealthController: {
              live: { summary: '200 while the process runs.' },
              ready: {
                summary:
                  '200 only while PostgreSQL and Redis answer; 503 otherwise, with the same report of what is down.',
                type: Object,
              },
            },
          },
        ],
        [import('../me/me.controller'), { MeController: { me: {}, export: {}, myPledges: {}, delete: {} } }],
        [
          import('../needs/tasks.controller'),
          { TasksController: { list: {}, get: {}, update: {}, cancel: {} } },
        ],
        [
          import('../needs/needs.controller'),
          {
            NeedsController: {
              create: {},
              list: {},
              get: {},
              update: {},
              close: {},
              cancel: {},
              createTask: {},
              pledge: {},
              listPledges: {},
            },
          },
        ],
        [import('../needs/pledges.controller'), { PledgesController: { delivered: {}, cancel: {} } }],
        [
          import('../notifications/notifications.controller'),
          {
            NotificationsController: {
              list: {},
              readAll: {},
              read: {},
              getPreferences: { type: Object },
              putPreferences: { type: Object },
            },
          },
        ],
        [
          import('../volunteering/me-volunteering.controller'),
          {
            MeVolunteeringController: {
              profile: {},
              saveProfile: {},
              signups: {},
              issueCalendar: {
                summary: "Issues (or replaces) the secret address of the caller's shift calendar.",
              },
              revokeCalendar: {},
              feed: {
                summary: "Calendar apps cannot send a bearer token: the feed's own token authenticates it.",
                type: String,
              },
            },
          },
        ],
        [
          import('../volunteering/safeguarding.controller'),
          { SafeguardingController: { record: {}, list: {} } },
        ],
        [
          import('../volunteering/signups.controller'),
          {
            SignupsController: {
              recommended: {},
              signUp: {},
              withdraw: {},
              list: {},
              approve: {},
              decline: {},
              attendance: {},
            },
          },
        ],
      ],
    },
  };
};
