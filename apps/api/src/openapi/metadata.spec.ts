import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const committed = path.join(__dirname, 'metadata.ts');

describe('the Swagger plugin metadata', () => {
  it('is current: regenerating it from the DTOs and controllers changes nothing', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'haven-metadata-'));
    try {
      // The generator runs as npm run openapi:metadata does, in its own node process.
      execFileSync(process.execPath, ['scripts/openapi-metadata.js', out], { cwd: root, stdio: 'pipe' });
      const fresh = readFileSync(path.join(out, 'metadata.ts'), 'utf8');
      if (fresh !== readFileSync(committed, 'utf8')) {
        throw new Error('apps/api/src/openapi/metadata.ts is stale: run `npm run openapi:metadata`');
      }
      expect(fresh).toContain("'@nestjs/swagger'");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
