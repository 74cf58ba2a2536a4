import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', 'scripts', 'build-if-needed.mjs');

/**
 * `npm run cli`, `npm start` and the start:* scripts build only when a source is newer than the
 * last build. Run on a small project of its own, whose "build" only counts how often it ran, so
 * the real dist/ that the other suites use is never rebuilt under them.
 */
describe('build-if-needed (e2e)', () => {
  let root: string;
  const builds = () => readFileSync(join(root, 'builds.txt'), 'utf8').length;
  const buildIfNeeded = () =>
    run(process.execPath, [join(root, 'scripts', 'build-if-needed.mjs')], { cwd: root });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'haven-build-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(SCRIPT, join(root, 'scripts', 'build-if-needed.mjs'));
    const outputs = ['api', 'worker', 'cli']
      .map((app) => `dist/apps/${app}/src/main.js`)
      .concat('apps/web/dist/index.html');
    const build = [
      "const fs = require('node:fs');",
      "fs.appendFileSync('builds.txt', 'x');",
      `for (const file of ${JSON.stringify(outputs)}) { fs.mkdirSync(require('node:path').dirname(file), { recursive: true }); fs.writeFileSync(file, ''); }`,
    ].join(' ');
    writeFileSync(join(root, 'build.js'), build);
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'fake', scripts: { build: 'node build.js' } }),
    );
    writeFileSync(join(root, 'builds.txt'), '');
    mkdirSync(join(root, 'libs', 'core', 'src'), { recursive: true });
    // As in the project, the web app's output folder exists before a build refills it.
    mkdirSync(join(root, 'apps', 'web', 'dist'), { recursive: true });
    writeFileSync(join(root, 'libs', 'core', 'src', 'a.ts'), 'export const a = 1;\n');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds the first time, not again while nothing changed, and again after a change', async () => {
    await buildIfNeeded();
    expect(builds()).toBe(1);
    await buildIfNeeded();
    await buildIfNeeded();
    expect(builds()).toBe(1);

    // A source saved after the last build began: the stamp is older than the source.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'dist', '.build-stamp'), earlier, earlier);
    writeFileSync(join(root, 'libs', 'core', 'src', 'a.ts'), 'export const a = 2;\n');
    await buildIfNeeded();
    expect(builds()).toBe(2);
    await buildIfNeeded();
    expect(builds()).toBe(2);
  });

  it('builds again when an output is missing', async () => {
    rmSync(join(root, 'dist', 'apps', 'cli', 'src', 'main.js'));
    const before = builds();
    await buildIfNeeded();
    expect(builds()).toBe(before + 1);
  });
});
