import { TaskEntity } from './entities/task.entity';

export interface TaskContext {
  organizationName: string;
  campName: string;
  timezone: string;
}

export function taskView(task: TaskEntity, context: TaskContext) {
  return {
    id: task.id,
    needId: task.needId,
    organizationId: task.organizationId,
    organizationName: context.organizationName,
    campId: task.campId,
    campName: context.campName,
    /** The camp's IANA time zone, for showing the times as people there read them. */
    timezone: context.timezone,
    category: task.category,
    title: task.title,
    description: task.description,
    startsAt: task.startsAt,
    endsAt: task.endsAt,
    capacity: task.capacity,
    confirmed: task.confirmed,
    waitlisted: task.waitlisted,
    skills: task.skills,
    languages: task.languages,
    remote: task.remote,
    signupMode: task.signupMode,
    requiresSafeguarding: task.requiresSafeguarding,
    status: task.status,
    statusReason: task.statusReason,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

export type TaskView = ReturnType<typeof taskView>;
