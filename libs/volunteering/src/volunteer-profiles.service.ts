import { Injectable } from '@nestjs/common';
import { Actor, CommonErrors, TransactionService } from '@haven/core';
import { normaliseSkills } from '@haven/needs';
import { campsExist } from '@haven/organizations';
import { AvailabilityWindow, VolunteerProfileEntity } from './entities/volunteer-profile.entity';
import { VolunteeringErrors } from './volunteering.errors';

export interface ProfileInput {
  skills: string[];
  languages: string[];
  availability: AvailabilityWindow[];
  remote: boolean;
  campIds: string[];
  bio?: string | null;
}

export function profileView(profile: VolunteerProfileEntity | null) {
  return {
    skills: profile?.skills ?? [],
    languages: profile?.languages ?? [],
    availability: profile?.availability ?? [],
    remote: profile?.remote ?? false,
    campIds: profile?.campIds ?? [],
    bio: profile?.bio ?? null,
  };
}

export type ProfileView = ReturnType<typeof profileView>;

@Injectable()
export class VolunteerProfilesService {
  constructor(private readonly transactions: TransactionService) {}

  /** The caller's profile; an empty one until they first save it. */
  get(actor: Actor): Promise<ProfileView> {
    if (actor.role !== 'volunteer') throw CommonErrors.forbidden('Only volunteers keep a volunteer profile.');
    return this.transactions.run(async (manager) =>
      profileView(await manager.findOneBy(VolunteerProfileEntity, { userId: actor.id })),
    );
  }

  put(actor: Actor, input: ProfileInput): Promise<ProfileView> {
    if (actor.role !== 'volunteer') throw CommonErrors.forbidden('Only volunteers keep a volunteer profile.');
    const windows = input.availability.findIndex((window) => window.from >= window.to);
    if (windows >= 0) {
      throw CommonErrors.validation([{ field: `availability.${windows}.to`, message: 'must be after from' }]);
    }
    return this.transactions.run(async (manager) => {
      const campIds = [...new Set(input.campIds.map((id) => id.toLowerCase()))];
      if (campIds.length > 0 && !(await campsExist(manager, campIds))) {
        throw VolunteeringErrors.unknownCamps();
      }
      const profile = {
        userId: actor.id,
        skills: normaliseSkills(input.skills),
        languages: [...new Set(input.languages)],
        availability: input.availability.map(({ weekday, from, to }) => ({ weekday, from, to })),
        remote: input.remote,
        campIds,
        bio: input.bio ?? null,
      };
      // An upsert, so two first saves at once both succeed (the last one wins).
      await manager.upsert(VolunteerProfileEntity, profile, ['userId']);
      return profileView({ ...profile, updatedAt: new Date() });
    });
  }
}
