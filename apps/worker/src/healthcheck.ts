import { livenessFile, livenessProblem } from './liveness-file';

/**
 * The worker container's health check (docker-compose.yml): healthy while the worker process has
 * recently found PostgreSQL and Redis answering and its queue consumers running.
 */
const problem = livenessProblem(livenessFile());
if (problem) {
  console.error(`unhealthy: ${problem}`);
  process.exit(1);
}
