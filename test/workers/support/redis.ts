/** Redis for queue tests: the service gate, and a fresh BullMQ key prefix per test. */
import { randomBytes } from 'node:crypto';
import { service } from '../../store/support/services.js';

export const redisService = await service('Redis', 'REDIS_URL', 6379);

/** A BullMQ prefix no other test (or CI run) uses. */
export function freshPrefix(): string {
  return `khcl-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}
