import { getMetadataStorage } from 'class-validator';
import { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppConfig, PRIVACY_CONSTRAINT } from '@haven/core';
import './api.module';

/**
 * Every string a client sends passes the privacy guard unless it is listed here with the reason it
 * cannot carry a beneficiary's identity. A new free-text field that forgets `@FreeText` fails this.
 */
const NOT_FREE_TEXT: Record<string, string> = {
  email: 'the account holder’s own e-mail',
  password: 'a secret, never stored or shown',
  currentPassword: 'a secret, never stored or shown',
  newPassword: 'a secret, stored only as an argon2id hash',
  displayName: 'the account holder’s own name',
  refreshToken: 'a token',
  token: 'a calendar, verification or reset token, compared by its hash',
  cursor: 'a cursor this API issued',
  contactEmail: 'the organisation’s office address',
  website: 'the organisation’s URL',
  registrationNumber: 'the organisation’s registration with its regulator',
  name: 'an organisation or camp: a public body or place',
  region: 'a camp’s public region',
  timezone: 'an IANA zone name',
  q: 'a search, never stored',
  skill: 'a filter, never stored',
  entity: 'an audit-log filter, never stored',
  action: 'an audit-log filter, never stored',
};

describe('privacy guard coverage', () => {
  it('guards every string field of every request body', () => {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<abstract new () => unknown, ValidationMetadata[]>;
    };
    const unguarded: string[] = [];
    for (const [target, metadatas] of storage.validationMetadatas) {
      if (target === AppConfig) continue; // the environment, not a request
      const byProperty = new Map<string, ValidationMetadata[]>();
      for (const metadata of metadatas) {
        byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
      }
      for (const [property, rules] of byProperty) {
        const isString = rules.some(
          (rule) => rule.name === 'isString' || rule.constraintCls?.name === 'IsString',
        );
        const guarded = rules.some((rule) => rule.name === PRIVACY_CONSTRAINT);
        if (isString && !guarded && !(property in NOT_FREE_TEXT))
          unguarded.push(`${target.name}.${property}`);
      }
    }
    expect(storage.validationMetadatas.size).toBeGreaterThan(10);
    expect(unguarded).toEqual([]);
  });
});
