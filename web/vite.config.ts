// Vite builds the review desk into web/dist, which `quai serve` serves as static files.
// The built-in document schemas (config/schemas/*.json) are bundled, reduced to what the
// UI needs (field names, types, required flags, thresholds), as a fallback for servers
// that do not answer GET /api/v1/schemas.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const schemaDir = fileURLToPath(new URL('../config/schemas', import.meta.url));

function builtinSchemas(): Plugin {
  const id = 'virtual:quai-schemas';
  return {
    name: 'quai-builtin-schemas',
    resolveId: (source) => (source === id ? '\0' + id : null),
    load(loadId) {
      if (loadId !== '\0' + id) return null;
      const keep = (f: { name: string; type: string; required?: boolean; auto_accept?: number }) => ({
        name: f.name, type: f.type, required: !!f.required, auto_accept: f.auto_accept ?? 0.9,
      });
      const schemas = readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
        this.addWatchFile(resolve(schemaDir, f));
        const s = JSON.parse(readFileSync(resolve(schemaDir, f), 'utf8'));
        return { document_type: s.document_type, fields: (s.fields ?? []).map(keep), lines: (s.lines ?? []).map(keep) };
      });
      return 'export default ' + JSON.stringify(schemas) + ';';
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [builtinSchemas()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020', sourcemap: false, modulePreload: false },
  server: {
    // `npm run dev` against a running `quai serve` (QUAI_URL, default http://127.0.0.1:8080).
    proxy: { '/api': process.env.QUAI_URL ?? 'http://127.0.0.1:8080' },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
} as any);
