// Builds the TypeScript (npm run build) only when a source is newer than the last build, so
// `npm run cli`, `npm start` and the start:* scripts start at once when the build is current.
// The stamp's time is the moment the last build began: a file saved during a build counts as newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const outputs = ['api', 'worker', 'cli']
  .map((app) => join(root, 'dist', 'apps', app, 'src', 'main.js'))
  .concat(join(root, 'apps', 'web', 'dist', 'index.html'));
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const folders = ['apps', 'libs', 'migrations'];
const skip = new Set(['node_modules', 'dist']);

function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return /\.(ts|tsx|json|css|html)$/.test(path) ? stats.mtimeMs : 0;
  // A folder's own time changes when a file is added, renamed or removed.
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!skip.has(entry)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function stale() {
  if (!existsSync(stamp) || outputs.some((output) => !existsSync(output))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [...inputs, ...folders].map((name) => join(root, name)).filter((path) => existsSync(path));
  return sources.some((path) => newest(path) > built);
}

if (stale()) {
  const began = new Date();
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, `${began.toISOString()}\n`);
  utimesSync(stamp, began, began);
}
