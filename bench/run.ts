/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each prints its own table, with ratios
 * against a baseline measured in the same process (absolute times on shared machines are noise).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  process.stdout.write(`\n== ${file} ==\n`);
  const bench = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<void> };
  await bench.run();
}
