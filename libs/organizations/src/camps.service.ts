import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  Page,
  PageQuery,
  paginate,
  TransactionService,
} from '@haven/core';
import { CampEntity } from './entities/camp.entity';
import { OrganizationErrors } from './organizations.errors';

export interface CampInput {
  name: string;
  country: string;
  region: string;
  timezone: string;
  latitude?: number | null;
  longitude?: number | null;
}

export function campView(camp: CampEntity) {
  return {
    id: camp.id,
    name: camp.name,
    country: camp.country,
    region: camp.region,
    timezone: camp.timezone,
    latitude: camp.latitude,
    longitude: camp.longitude,
  };
}

export type CampView = ReturnType<typeof campView>;

/** Rounds to two decimals (about 1 km): a camp is a public place, never a precise location. */
const roundCoordinate = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : Math.round(value * 100) / 100;

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class CampsService {
  constructor(
    @InjectRepository(CampEntity) private readonly camps: Repository<CampEntity>,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
  ) {}

  async list(page: PageQuery): Promise<Page<CampView>> {
    const result = await paginate(
      this.camps.createQueryBuilder('camp'),
      {
        columns: [
          { expression: 'camp.name', direction: 'ASC', value: (camp) => camp.name },
          { expression: 'camp.id', direction: 'ASC', value: (camp) => camp.id },
        ],
      },
      page,
    );
    return { items: result.items.map(campView), nextCursor: result.nextCursor };
  }

  async get(campId: string): Promise<CampView> {
    const camp = await this.camps.findOneBy({ id: campId });
    if (!camp) throw CommonErrors.notFound('camp');
    return campView(camp);
  }

  create(actor: Actor, input: CampInput): Promise<CampView> {
    return this.write(actor, null, input);
  }

  update(actor: Actor, campId: string, input: Partial<CampInput>): Promise<CampView> {
    return this.write(actor, campId, input);
  }

  private async write(actor: Actor, campId: string | null, input: Partial<CampInput>): Promise<CampView> {
    if (actor.role !== 'admin') throw CommonErrors.forbidden();
    try {
      return await this.transactions.run(async (manager) => {
        let camp: CampEntity;
        if (campId) {
          const found = await manager.findOne(CampEntity, {
            where: { id: campId },
            lock: { mode: 'pessimistic_write' },
          });
          if (!found) throw CommonErrors.notFound('camp');
          camp = found;
        } else {
          camp = manager.create(CampEntity, { latitude: null, longitude: null });
        }
        const { latitude, longitude, ...rest } = input;
        Object.assign(camp, rest);
        if (rest.country) camp.country = rest.country.toUpperCase();
        if (latitude !== undefined) camp.latitude = roundCoordinate(latitude) ?? null;
        if (longitude !== undefined) camp.longitude = roundCoordinate(longitude) ?? null;
        if ((camp.latitude === null) !== (camp.longitude === null)) {
          throw CommonErrors.validation([
            {
              field: camp.latitude === null ? 'latitude' : 'longitude',
              message: 'give both coordinates or neither',
            },
          ]);
        }
        const saved = await manager.save(camp);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: campId ? 'camp.updated' : 'camp.created',
          entity: 'camp',
          entityId: saved.id,
          summary: campId ? `Camp updated (${Object.keys(input).sort().join(', ')})` : 'Camp created',
        });
        return campView(saved);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw OrganizationErrors.campExists();
      throw error;
    }
  }
}
