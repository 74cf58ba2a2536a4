import { describe, expect, it } from 'vitest';
import { subjectPath } from './subject-link';

const task = { type: 'task' as const, id: 't1' };
const need = { type: 'need' as const, id: 'n1' };
const organization = { type: 'organization' as const, id: 'o1' };

describe('the page a notification links to', () => {
  it('opens the volunteer pages of a task or need, and nothing for an organisation', () => {
    expect(subjectPath(task, 'volunteer')).toBe('/tasks/t1');
    expect(subjectPath(need, 'volunteer')).toBe('/needs/n1');
    expect(subjectPath(organization, 'volunteer')).toBeNull();
  });

  it('opens the coordinator’s own management pages', () => {
    expect(subjectPath(task, 'coordinator')).toBe('/org/tasks/t1');
    expect(subjectPath(need, 'coordinator')).toBe('/org/needs/n1');
    expect(subjectPath(organization, 'coordinator')).toBe('/organization');
  });

  it('opens the admin’s organisation list, and links nothing without a subject', () => {
    expect(subjectPath(organization, 'admin')).toBe('/admin/organizations');
    expect(subjectPath(task, 'admin')).toBe('/tasks/t1');
    expect(subjectPath(null, 'volunteer')).toBeNull();
  });
});
