/**
 * Regenerates apps/api/src/openapi/metadata.ts: what the @nestjs/swagger CLI plugin reads from the
 * DTO classes (*.dto.ts: property types, optionality, class-validator bounds, doc comments) and from
 * the controllers (return types, doc comments as summaries). The build is plain tsc and the tests run
 * on ts-jest, so the plugin cannot run as a compiler transform; the app loads this file instead
 * (SwaggerModule.loadPluginMetadata). Run `npm run openapi:metadata` after changing a DTO or a
 * controller; a unit test fails while the file is stale.
 *
 * Usage: node scripts/openapi-metadata.js [output directory]
 */
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'apps/api/src/openapi');
const FILENAME = 'metadata.ts';
const STUB = 'export default async () => ({});\n';

async function generate(outputDir) {
  const work = mkdtempSync(path.join(tmpdir(), 'haven-openapi-'));
  // The generator type-checks the project first, so a stale metadata file must not stand in its way.
  if (path.resolve(outputDir) === source) writeFileSync(path.join(source, FILENAME), STUB);
  try {
    new PluginMetadataGenerator().generate({
      visitors: [
        new ReadonlyVisitor({
          pathToSource: source,
          introspectComments: true,
          classValidatorShim: true,
          dtoFileNameSuffix: ['.dto.ts'],
          controllerFileNameSuffix: ['.controller.ts'],
        }),
      ],
      outputDir: work,
      filename: FILENAME,
      tsconfigPath: path.relative(process.cwd(), path.join(root, 'tsconfig.build.json')),
      printDiagnostics: false,
    });
    const prettier = require('prettier');
    const options = await prettier.resolveConfig(path.join(source, FILENAME));
    const text = await prettier.format(readFileSync(path.join(work, FILENAME), 'utf8'), {
      ...options,
      parser: 'typescript',
    });
    writeFileSync(path.join(outputDir, FILENAME), text);
    return path.join(outputDir, FILENAME);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { generate, source, FILENAME };

if (require.main === module) {
  generate(process.argv[2] ? path.resolve(process.argv[2]) : source).then(
    (file) => console.log(`Wrote ${path.relative(process.cwd(), file)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
