// `npm start` builds the web app once, when web/dist is missing; the server itself has no build step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

if (!existsSync(path.join('web', 'dist', 'index.html'))) {
  process.stdout.write('Building the web app (first start only)…\n');
  const result = spawnSync(path.join('node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
