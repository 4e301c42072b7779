// Checks the built-in rule pack once, at build time, and saves each file's text with what checking
// it gave (dist/built-in-rules.json): a one-pod replay spent a sixth of its time validating the
// same 89 files on every start. At run time a file whose text is still the saved one is taken as
// checked; an edited or added file is validated as always (see
// src/sources/built-in-rule-bundle.ts). A pack with a problem is not bundled, so that loading it
// reports the problem.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_RULE_BUNDLE, createBuiltInRuleBundle } from '../dist/sources/built-in-rule-bundle.js';
import { BUILT_IN_RULES_DIR, loadRuleValidator, ruleFileNames, SCHEMA_FILE } from '../dist/sources/rule-files.js';

const bundleFile = fileURLToPath(BUILT_IN_RULE_BUNDLE);
await rm(bundleFile, { force: true });

const validator = await loadRuleValidator();
const files = {};
const problems = [];
for (const name of ruleFileNames(await readdir(BUILT_IN_RULES_DIR, { withFileTypes: true }))) {
  const file = join(BUILT_IN_RULES_DIR, name);
  const text = await readFile(file, 'utf8');
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    problems.push(file);
    continue;
  }
  const { parsed, problems: fileProblems } = validator.check(file, data);
  if (!parsed || fileProblems.length) problems.push(file);
  else files[name] = { text, checked: parsed };
}

if (problems.length) {
  process.stderr.write(`built-in rules not bundled: ${problems.length} file${problems.length === 1 ? ' has' : 's have'} problems (podmortem rules lint says which)\n`);
} else {
  await writeFile(bundleFile, JSON.stringify(createBuiltInRuleBundle(await readFile(join(BUILT_IN_RULES_DIR, SCHEMA_FILE), 'utf8'), files)));
}
