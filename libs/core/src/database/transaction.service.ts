import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';
const MAX_ATTEMPTS = 5;

/**
 * Runs a unit of work in one transaction: a state change, its audit entry and its outbox row commit
 * together or not at all. Services own their transactions through this, never controllers. Work
 * must touch nothing outside the database: it may run again after a deadlock.
 */
@Injectable()
export class TransactionService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs reads that need no common snapshot outside a transaction: each statement sees what was
   * committed when it ran. It saves the BEGIN and COMMIT round trips on hot list endpoints.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation: IsolationLevel = 'READ COMMITTED',
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(isolation, work);
      } catch (error) {
        // PostgreSQL chose this transaction as a deadlock victim or a serialization failure; nothing
        // of it committed, and the work reads everything afresh, so running it again is safe.
        const code = (error as { code?: unknown }).code;
        if (attempt >= MAX_ATTEMPTS || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
      }
    }
  }
}
