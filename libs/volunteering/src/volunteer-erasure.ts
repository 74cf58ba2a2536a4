import { EntityManager } from 'typeorm';
import type { SignupsService } from './signups.service';

/**
 * The volunteering context's part of deleting an account, in the deleting transaction: live
 * sign-ups to tasks not yet started are withdrawn (their places go to the waitlist); what the
 * volunteer wrote about themselves and their calendar link are deleted. Sign-ups kept (past,
 * attended, hours) and safeguarding clearances stay, tied to the anonymised account.
 */
export async function eraseVolunteer(
  manager: EntityManager,
  signups: SignupsService,
  userId: string,
): Promise<void> {
  await signups.erase(manager, userId);
  await manager.query(`DELETE FROM volunteer_profiles WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM calendar_tokens WHERE user_id = $1`, [userId]);
}
