import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 of a name in Haven's own namespace) that is the same every time
 * for the same name: an outbox row written twice by a retried job is one row.
 */
export function stableId(name: string): string {
  const bytes = createHash('sha1').update(`haven:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
