import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// No container engine runs in development or CI: these checks read the deployment files for the
// essentials the README promises, so a careless edit fails here rather than in production.
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

test('the Dockerfile builds on Node 24 in stages and runs as a non-root user with a health check on /healthz', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((match) => ({ image: match[1], name: match[2] }));
  assert.ok(stages.length >= 2, 'multi-stage');
  for (const stage of stages) assert.match(String(stage.image), /^node:24[-.]/, 'every stage on Node 24');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  assert.match(runtime, /^USER node$/m, 'the runtime stage drops root');
  assert.match(runtime, /^HEALTHCHECK .*\n?.*\/healthz/m);
  assert.match(runtime, /^VOLUME \["\/data"\]$/m);
  assert.match(runtime, /PODIUM_DATA_DIR=\/data/);
  assert.match(runtime, /^ENTRYPOINT \["node", "bin\/podium\.js"\]$/m);
  assert.match(runtime, /COPY --from=build .*\/app\/web\/dist/, 'the built web app is in the image');
  assert.doesNotMatch(runtime, /npm (ci|install)/, 'dependencies come from the build stage, pruned');
  assert.match(read('.dockerignore'), /^node_modules$/m);
  assert.match(read('.dockerignore'), /^data$/m, 'no local database or secret key in the build context');
});

test('compose.yaml runs PostgreSQL 15+ with a web node and a worker node, secrets from .env', () => {
  const compose = read('compose.yaml');
  const postgres = /image:\s*postgres:(\d+)/.exec(compose);
  assert.ok(postgres && Number(postgres[1]) >= 15, 'PostgreSQL 15 or later');
  for (const service of ['db', 'web', 'worker']) assert.match(compose, new RegExp(`^  ${service}:$`, 'm'), service);
  assert.match(compose, /PODIUM_ROLE: web/);
  assert.match(compose, /PODIUM_ROLE: worker/);
  assert.match(compose, /DATABASE_URL: postgres:\/\/podium:\$\{POSTGRES_PASSWORD:\?/);
  assert.match(compose, /PODIUM_SECRET_KEY: \$\{PODIUM_SECRET_KEY:\?/, 'one shared secret key, required');
  assert.match(compose, /condition: service_healthy/);
  assert.doesNotMatch(compose, /^\s*\w*(PASSWORD|SECRET_KEY):\s*[^$\s]/m, 'no password written into the file');
});
