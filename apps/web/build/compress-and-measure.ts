import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json)$/;
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Writes .br and .gz beside every text asset (the API serves them pre-compressed), then measures
 * the first load — index.html and every script and stylesheet it loads before any route code —
 * and fails the build past the 200 KB budget. The figures go to dist/size-report.json.
 */
export function compressAndMeasure(): Plugin {
  let outDir = 'dist';
  return {
    name: 'haven-compress-and-measure',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    closeBundle() {
      const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();
      for (const path of files(outDir)) {
        if (!COMPRESSIBLE.test(path)) continue;
        const content = readFileSync(path);
        const gzip = gzipSync(content, { level: 9 });
        const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        writeFileSync(`${path}.gz`, gzip);
        writeFileSync(`${path}.br`, brotli);
        sizes.set(relative(outDir, path), { raw: content.length, gzip: gzip.length, brotli: brotli.length });
      }
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const loaded = [
        'index.html',
        ...[...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]),
      ];
      const firstLoad = loaded.reduce(
        (total, name) => {
          const size = sizes.get(name);
          return size
            ? { raw: total.raw + size.raw, gzip: total.gzip + size.gzip, brotli: total.brotli + size.brotli }
            : total;
        },
        { raw: 0, gzip: 0, brotli: 0 },
      );
      const report = {
        budgetBytes: FIRST_LOAD_BUDGET_BYTES,
        firstLoad,
        files: loaded,
        chunks: Object.fromEntries(sizes),
      };
      writeFileSync(join(outDir, 'size-report.json'), JSON.stringify(report, null, 2));
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      console.log(
        `First load: ${kb(firstLoad.raw)} raw, ${kb(firstLoad.gzip)} gzip, ${kb(firstLoad.brotli)} brotli (budget ${kb(FIRST_LOAD_BUDGET_BYTES)} compressed)`,
      );
      if (firstLoad.gzip > FIRST_LOAD_BUDGET_BYTES) {
        throw new Error(
          `The first load is ${kb(firstLoad.gzip)} gzip, over the ${kb(FIRST_LOAD_BUDGET_BYTES)} budget.`,
        );
      }
    },
  };
}
