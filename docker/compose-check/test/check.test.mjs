import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { problems } from '../check.mjs';

const here = path => fileURLToPath(new URL(path, import.meta.url));

test('the project\'s docker-compose.yml is valid against the Compose specification', () => {
    assert.deepEqual(problems(here('../../../docker-compose.yml')), []);
});

test('a broken file is refused, with each of its faults named', () => {
    const found = problems(here('broken-compose.yml')).join('\n');
    assert.match(found, /\/services\/app must NOT have additional properties \(enviroment\)/);
    assert.match(found, /\/services\/app\/ports must be array/);
    assert.match(found, /\/services\/app\/healthcheck\/interval must match format "duration"/);
});

test('a file that is not YAML is refused', () => {
    assert.match(problems(here('not-yaml.txt')).join('\n'), /not YAML/);
});
