/** Stops what global-setup.ts started for this run (on a fresh machine), newest first. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { havenTestServices?: { stop(): Promise<void> }[] }).havenTestServices ?? [];
  for (const service of started.reverse()) await service.stop();
}
