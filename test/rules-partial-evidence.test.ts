import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { Incident } from '../src/model/incident.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, fixtureNames, ROOT } from './helpers.js';
import { describable, fixtureIncidents, readPaste } from './support/read-paste.js';
import { renderDescribe } from '../src/report/describe-text.js';
import { partialViews } from './support/ablation-views.js';

/** Real pastes from public bug reports, kept beside the repository (see test/realworld.test.ts). */
const REALWORLD = resolve(ROOT, 'test/realworld/reference');

/**
 * Seams a template leaves when a fact it names is not in the evidence: the word a missing value
 * renders as (Kubernetes' own status "Unknown" is capitalised), counts of events that were not
 * pasted, an empty parenthesis, a doubled space.
 */
const SEAMS: ReadonlyArray<readonly [string, RegExp]> = [
  ['the word unknown', /\bunknown\b/g],
  ['a count of 0', / 0 times/g],
  ['empty parentheses', /(?<=^|\s)\(\s*\)/g],
  ['a double space', / {2}/g],
];

/** A rendered empty list claims the pod has none of something: pasted events alone cannot show that. */
const EMPTY_LIST = /: none\b|\(none\)/g;

/** Every string the evidence holds: text quoted from the cluster may say anything. */
function evidenceStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) evidenceStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) evidenceStrings(item, out);
  return out;
}

/** Whether the match sits inside text quoted from the evidence (a runtime message ending in ": unknown", a log line). */
function quoted(text: string, index: number, length: number, evidence: readonly string[]): boolean {
  const windows = [text.slice(Math.max(0, index - 16), index + length), text.slice(index, index + length + 16)];
  return windows.some((w) => evidence.some((e) => e.includes(w)));
}

function findingTexts(finding: Finding): Array<[string, string]> {
  return [
    ['title', finding.title],
    ['explanation', finding.explanation],
    ...finding.remediation.flatMap((step, i): Array<[string, string]> => [
      [`step ${i + 1}`, step.text],
      ...(step.command ? [[`step ${i + 1} command`, step.command] as [string, string]] : []),
    ]),
  ];
}

/** Problems in the findings of one incident, as `label finding field: what «context»`. */
async function seamsIn(label: string, incident: Incident, patterns: ReadonlyArray<readonly [string, RegExp]>): Promise<{ problems: string[]; findings: number }> {
  const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
  const evidence = evidenceStrings([incident.pod, incident.events, incident.logs, incident.node, incident.nodeEvents]);
  const problems: string[] = [];
  for (const finding of diagnosis.findings) {
    for (const [field, text] of findingTexts(finding)) {
      for (const [what, pattern] of patterns) {
        for (const match of text.matchAll(pattern)) {
          if (quoted(text, match.index, match[0].length, evidence)) continue;
          const context = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20);
          problems.push(`${label} ${finding.id} ${field}: ${what} «${context}»`);
        }
      }
    }
  }
  return { problems, findings: diagnosis.findings.length };
}

/** A fixture's pods as users paste them: the whole describe output, or its Events table alone. */
async function fixturePastes(kind: 'describe' | 'events'): Promise<Array<{ label: string; incidents: Incident[] }>> {
  const pastes = [];
  for (const name of await fixtureNames()) {
    for (const original of (await fixtureIncidents(name)).filter(describable)) {
      const capturedAt = original.source.capturedAt;
      const text = renderDescribe(original.pod, original.events, capturedAt);
      const paste = kind === 'describe' ? text : text.slice(text.indexOf('Events:'));
      pastes.push({ label: `${name} (${kind}${original.pod.metadata?.name ? ` of ${original.pod.metadata.name}` : ''})`, incidents: await readPaste(paste, capturedAt) });
    }
  }
  return pastes;
}

/** Every partial view the evidence-ablation suite cuts from the fixtures (test/support/ablation-views.ts). */
async function ablatedViews(): Promise<Array<{ label: string; incidents: Incident[] }>> {
  const pastes = [];
  for (const name of await fixtureNames()) {
    for (const original of (await fixtureIncidents(name)).filter(describable)) {
      const capturedAt = original.source.capturedAt;
      for (const view of partialViews(original.pod, original.events, capturedAt)) {
        pastes.push({ label: `${name} (${view.view}${view.part ? ` ${view.part}` : ''})`, incidents: await readPaste(view.text, capturedAt) });
      }
    }
  }
  return pastes;
}

async function realworldPastes(): Promise<Array<{ label: string; incidents: Incident[] }>> {
  const files = (await readdir(REALWORLD)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map(async (file) => ({ label: file, incidents: (await loadReplay([join(REALWORLD, file)])).incidents })));
}

async function check(pastes: Array<{ label: string; incidents: Incident[] }>, patterns: ReadonlyArray<readonly [string, RegExp]>) {
  const problems: string[] = [];
  let findings = 0;
  for (const { label, incidents } of pastes) {
    for (const incident of incidents) {
      const found = await seamsIn(label, incident, patterns);
      problems.push(...found.problems);
      findings += found.findings;
    }
  }
  return { problems, findings };
}

describe('findings read as prose on partial evidence', () => {
  it('every real-world paste: no unknown, no 0 counts, no empty parentheses or double spaces', async () => {
    const { problems, findings } = await check(await realworldPastes(), SEAMS);
    expect(findings).toBeGreaterThan(15);
    expect(problems).toEqual([]);
  });

  it('every fixture pasted as its events table alone: the same, and no claim that the pod has none of something', async () => {
    const { problems, findings } = await check(await fixturePastes('events'), [...SEAMS, ['an empty list', EMPTY_LIST]]);
    expect(findings).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it('every partial view of every fixture (events, status, container section, cut describe, a warning row): the same seams stay out', async () => {
    const { problems, findings } = await check(await ablatedViews(), [...SEAMS, ["an empty list", EMPTY_LIST]]);
    expect(findings).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  it('every fixture pasted as describe output: the same seams stay out', async () => {
    const { problems, findings } = await check(await fixturePastes('describe'), SEAMS);
    expect(findings).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });
});
