// Compiles rules/schema.json into plain validation functions at build time (Ajv's standalone
// code), so loading the rule pack does not compile the schema on every start: that compile was
// the largest single cost of a one-pod replay. The module keeps the schema text it was built
// from; a schema edited since is compiled at run time instead.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaText = await readFile(`${root}rules/schema.json`, 'utf8');
const schema = JSON.parse(schemaText);
const id = schema.$id ?? 'podmortem-rule-schema';
// The same options RuleValidator compiles with, so both paths judge files alike.
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
ajv.addSchema(schema, id);
const generate = standalone.default ?? standalone;
const code = generate(ajv, { rule: `${id}#/definitions/rule`, pack: `${id}#/definitions/pack` });
await writeFile(
  `${root}dist/engine/rule-schema-validators.js`,
  [
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    `export const schemaText = ${JSON.stringify(schemaText)};`,
    code,
  ].join('\n'),
);
