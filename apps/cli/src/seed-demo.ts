import { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { Actor, NeedCategory } from '@haven/core';
import { UsersService } from '@haven/identity';
import { NeedsService, PledgesService, TasksService } from '@haven/needs';
import { CampsService, OrganizationsService, VettingService } from '@haven/organizations';
import { SignupsService, VolunteerProfilesService } from '@haven/volunteering';

/** Every demo account signs in with this; it is printed when the seed finishes. */
export const DEMO_PASSWORD = 'haven demo passphrase 2026';
export const DEMO_ADMIN = 'admin@haven.example';
const VOLUNTEERS = 30;
const DAY = 24 * 3_600_000;

/** A small deterministic generator, so every demo data set is the same. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAMPS = [
  { name: 'Camp Aurora (fictional)', country: 'JO', region: 'Mafraq', timezone: 'Asia/Amman' },
  { name: 'Camp Birch (fictional)', country: 'LB', region: 'Bekaa', timezone: 'Asia/Beirut' },
  { name: 'Camp Cedar (fictional)', country: 'IQ', region: 'Duhok', timezone: 'Asia/Baghdad' },
  { name: 'Camp Delta (fictional)', country: 'CO', region: 'La Guajira', timezone: 'America/Bogota' },
];

const ORGANIZATIONS: { name: string; focus: NeedCategory[]; needs: [NeedCategory, string, string][] }[] = [
  {
    name: 'Lanterns Learning Collective (fictional)',
    focus: ['education', 'mentorship'],
    needs: [
      [
        'education',
        'Evening English classes',
        'Conversation classes for a mixed group of teenagers, twice a week.',
      ],
      [
        'education',
        'Maths homework club',
        'Help with homework for children aged 10-14 in the learning centre.',
      ],
      [
        'mentorship',
        'Career mentoring for young adults',
        'One-to-one sessions on CVs and interviews, remote or on site.',
      ],
    ],
  },
  {
    name: 'Open Hands Supply Network (fictional)',
    focus: ['supplies', 'livelihoods'],
    needs: [
      ['supplies', 'Winter blankets and stoves', 'Blankets and small stoves before the cold season.'],
      ['supplies', 'School kits', 'Notebooks, pencils and backpacks for the new school term.'],
      ['livelihoods', 'Sewing workshop assistants', 'Volunteers who sew, to run a weekly workshop.'],
    ],
  },
  {
    name: 'Quiet Harbour Wellbeing (fictional)',
    focus: ['psychosocial', 'health'],
    needs: [
      [
        'psychosocial',
        'Art and play sessions',
        'Structured play for groups of younger children, with trained staff.',
      ],
      [
        'health',
        'First-aid refresher course',
        'Volunteers with first-aid certificates to co-teach a course.',
      ],
    ],
  },
];

const SKILLS = [
  'teaching',
  'mentoring',
  'first aid',
  'sewing',
  'football',
  'translation',
  'art',
  'logistics',
];
const LANGUAGES = ['ar', 'en', 'ku', 'fr', 'es', 'ckb'];

/**
 * A fictional demo data set built through the services, so every rule and invariant holds: an
 * admin, camps, vetted organisations (and one waiting in the queue), needs with supply items,
 * tasks, volunteers with profiles, sign-ups and pledges. Nobody in it is real.
 */
export async function seedDemo(app: INestApplicationContext): Promise<{ created: boolean; summary: string }> {
  const users = app.get(UsersService);
  if (await users.findByEmail(DEMO_ADMIN)) return { created: false, summary: 'Demo data is already there.' };
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const steps = 1 + CAMPS.length + ORGANIZATIONS.length * 2 + 1 + VOLUNTEERS * 3;
  const bar = new SingleBar({
    format: 'Seeding demo data [{bar}] {percentage}% {value}/{total} {step}',
    hideCursor: true,
  });
  bar.start(steps, 0, { step: '' });
  const step = (name: string) => bar.increment(1, { step: name });

  const { user: adminUser } = await users.createAdmin(DEMO_ADMIN, DEMO_PASSWORD, 'Demo admin');
  const admin: Actor = { id: adminUser.id, role: 'admin' };
  step('admin');
  const camps = [];
  for (const camp of CAMPS) {
    camps.push(await app.get(CampsService).create(admin, camp));
    step('camps');
  }

  const tasks: string[] = [];
  const items: { needId: string; itemId: string }[] = [];
  for (const [index, blueprint] of ORGANIZATIONS.entries()) {
    const owner = await users.create({
      email: `coordinator${index + 1}@haven.example`,
      password: DEMO_PASSWORD,
      displayName: `Demo coordinator ${index + 1}`,
      role: 'coordinator',
      emailVerified: true,
    });
    const coordinator: Actor = { id: owner.id, role: 'coordinator' };
    const organization = await app.get(OrganizationsService).apply(coordinator, {
      name: blueprint.name,
      country: camps[index % camps.length].country,
      registrationNumber: `DEMO-${index + 1}`,
      contactEmail: `office${index + 1}@haven.example`,
      description: `A fictional organisation for Haven's demo: ${blueprint.focus.join(' and ')}.`,
      focusAreas: blueprint.focus,
    });
    await app.get(VettingService).decide(admin, organization.id, 'approve', {});
    step('organisations');
    for (const [needIndex, [category, title, description]] of blueprint.needs.entries()) {
      const camp = camps[(index + needIndex) % camps.length];
      const need = await app.get(NeedsService).create(coordinator, {
        campId: camp.id,
        category,
        title,
        description,
        urgency: pick(['low', 'medium', 'high', 'critical'] as const),
        beneficiaries: {
          count: 3 + Math.floor(next() * 60),
          ageGroup: pick(['children', 'youth', 'adults', 'mixed'] as const),
        },
        items:
          category === 'supplies'
            ? [
                { name: 'Blankets', unit: 'pieces', quantity: 200 },
                { name: 'Notebooks', unit: 'packs of 10', quantity: 80 },
              ]
            : [],
      });
      for (const item of need.items) items.push({ needId: need.id, itemId: item.id });
      for (let taskIndex = 0; taskIndex < 3; taskIndex += 1) {
        const startsAt = new Date(
          Math.ceil((Date.now() + (1 + Math.floor(next() * 28)) * DAY) / 3_600_000) * 3_600_000,
        );
        const safeguarded = category === 'psychosocial';
        const task = await app.get(TasksService).create(coordinator, need.id, {
          title: `${title}: session ${taskIndex + 1}`,
          description,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
          capacity: 2 + Math.floor(next() * 6),
          skills: [pick(SKILLS)],
          languages: [pick(LANGUAGES), 'en'],
          remote: category === 'mentorship',
          signupMode: safeguarded || next() < 0.2 ? 'review' : 'open',
          requiresSafeguarding: safeguarded,
        });
        tasks.push(task.id);
      }
    }
    step('needs and tasks');
  }
  const pending = await users.create({
    email: 'applicant@haven.example',
    password: DEMO_PASSWORD,
    displayName: 'Demo applicant',
    role: 'coordinator',
    emailVerified: true,
  });
  await app.get(OrganizationsService).apply(
    { id: pending.id, role: 'coordinator' },
    {
      name: 'Riverside Youth Circle (fictional)',
      country: 'JO',
      registrationNumber: 'DEMO-PENDING',
      contactEmail: 'office-pending@haven.example',
      description: 'A fictional organisation waiting in the vetting queue.',
      focusAreas: ['mentorship'],
    },
  );
  step('vetting queue');

  for (let index = 1; index <= VOLUNTEERS; index += 1) {
    const label = String(index).padStart(2, '0');
    const user = await users.create({
      email: `volunteer${label}@haven.example`,
      password: DEMO_PASSWORD,
      displayName: `Demo volunteer ${label}`,
      role: 'volunteer',
      emailVerified: true,
    });
    const volunteer: Actor = { id: user.id, role: 'volunteer' };
    step('volunteers');
    await app.get(VolunteerProfilesService).put(volunteer, {
      skills: [pick(SKILLS), pick(SKILLS)],
      languages: ['en', pick(LANGUAGES)],
      availability: [{ weekday: Math.floor(next() * 7), from: '09:00', to: '17:00' }],
      remote: next() < 0.4,
      campIds: [pick(camps).id],
      bio: 'A fictional demo volunteer.',
    });
    step('profiles');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // Overlaps and repeats are refused by the rules, as they would be for a real volunteer.
      await app
        .get(SignupsService)
        .signUp(volunteer, pick(tasks))
        .catch(() => undefined);
    }
    if (items.length > 0 && next() < 0.5) {
      const { needId, itemId } = pick(items);
      await app
        .get(PledgesService)
        .pledge(volunteer, needId, itemId, 1 + Math.floor(next() * 10))
        .catch(() => undefined);
    }
    step('sign-ups and pledges');
  }
  bar.stop();
  return {
    created: true,
    summary: [
      `Demo data created: ${CAMPS.length} camps, ${ORGANIZATIONS.length + 1} organisations, ${tasks.length} tasks, ${VOLUNTEERS} volunteers.`,
      `Sign in with password "${DEMO_PASSWORD}" as ${DEMO_ADMIN}, coordinator1@haven.example … coordinator${ORGANIZATIONS.length}@haven.example, or volunteer01@haven.example … volunteer${VOLUNTEERS}@haven.example.`,
      'Everyone and everything in it is fictional.',
    ].join('\n'),
  };
}
