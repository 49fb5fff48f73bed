import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { importMarkdown } from '../../server/src/cli/import';
import { isSection } from '../../server/src/cli/import/markdown';
import { yaml } from '../helpers';
import { fixture, structuralProblems } from './importFixtures';

interface Read {
  period?: string;
  objectives: { title: string; description?: string; notes?: string; key_results?: Record<string, unknown>[] }[];
}
const read = (page: string) => {
  const result = importMarkdown(page);
  return { ...result, file: parse(result.yaml) as Read };
};
const titles = (file: Read) => file.objectives.map((o) => [o.title, ...(o.key_results ?? []).map((k) => k.title)]);

test('a GitLab handbook page: "Objective n:" headings, a "Key results" section, KR prefixes, "=> 78%" notes', () => {
  const { yaml: out, problems } = importMarkdown(fixture('gitlab-handbook.md'), 'gitlab-handbook.md');
  assert.equal(
    out,
    yaml`
      # Imported from gitlab-handbook.md by okr import.
      period: FY27-Q1
      objectives:
        - id: OKR-1
          title: Make account takeover a non-event for our customers
          description: Credential stuffing is still how attackers get in.
          key_results:
            - id: OKR-1.1
              title: Cut successful credential-stuffing logins from 1,200 to 100 a week
              baseline: 1200
              target: 100
              current: 342
              notes: "Progress: 78%"
            - id: OKR-1.2
              title: Raise MFA adoption among active customers from 35% to 70%
              baseline: 35
              target: 70
              current: 49
              unit: "%"
              notes: "Progress: 40%"
            - id: OKR-1.3
              title: Ship passkeys to every customer on the web app
              notes: "Progress: shipped to 2 of 3 apps"
        - id: OKR-2
          title: Fix vulnerabilities before attackers find them
          key_results:
            - id: OKR-2.1
              title: Reduce the median age of critical findings from 60 days to 21 days
              baseline: 60
              target: 21
              current: 40.5
              unit: days
              notes: "Progress: 50%"
            - id: OKR-2.2
              title: Every new service has a threat model before launch
              notes: |-
                Tracked with the \`threat-model\` label
                Owner: @marcus
    `,
  );
  // The page title and the "Retrospective" section are not objectives; their bullets are reported.
  assert.deepEqual(problems, [
    { line: 5, message: 'the bullet "Status: updated 2026-02-13" is not under an objective: not imported' },
    {
      line: 26,
      message:
        'the bullet "We set too many key results last quarter." is not under an objective (the heading above it, "Retrospective" at line 24, is not one): not imported',
    },
  ]);
  assert.deepEqual(structuralProblems(out), []);
});

test('a PostHog team page: objectives as top-level bullets, key results nested under them, "KR1:" prefixes', () => {
  const { yaml: out, problems } = importMarkdown(fixture('posthog.md'));
  assert.equal(
    out,
    yaml`
      period: 2026-Q3
      objectives:
        - id: OKR-1
          title: Insights are fast enough to explore in
          key_results:
            - id: OKR-1.1
              title: p95 query time for trends from 12s to 3s
              baseline: 12
              target: 3
              unit: s
            - id: OKR-1.2
              title: 90% of insights load from the cache
            - id: OKR-1.3
              title: Every "Trends" query runs on the new engine
        - id: OKR-2
          title: New users find their first insight on their own
          key_results:
            - id: OKR-2.1
              title: Activation within 7 days from 32% to 45%
              baseline: 32
              target: 45
              current: 39.8
              unit: "%"
              notes: "Progress: 60%"
            - id: OKR-2.2
              title: Onboarding NPS from 20 to 40
              baseline: 20
              target: 40
              notes: "Survey: in-app, 14 days after sign-up"
    `,
  );
  // "## Team" is a heading like the objectives' section, but the page marks its objectives: it is not one.
  assert.deepEqual(
    problems.map((p) => p.line),
    [20, 21],
  );
  assert.match(
    problems[0].message,
    /^the bullet "Alice \(lead\)" is not under an objective \(the heading above it, "Team" at line 18/,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('unmarked headings: the objectives are the heading level most key-result lists sit under, not the page title', () => {
  const sourcegraph = read(
    yaml`
      # Code Intelligence team

      ## FY23 Q2 OKRs

      ### Make precise code navigation the default

      **Key results**

      - 80% of searches on dotcom have precise navigation available
      - Auto-indexing enabled for the top 1,000 repositories
        - Blocked on the executor rollout

      ### Make code navigation fast

      - p90 hover latency from 800ms to 250ms => 45%
    `,
  );
  assert.deepEqual(sourcegraph.problems, []);
  assert.equal(sourcegraph.file.period, 'FY23-Q2');
  assert.deepEqual(titles(sourcegraph.file), [
    [
      'Make precise code navigation the default',
      '80% of searches on dotcom have precise navigation available',
      'Auto-indexing enabled for the top 1,000 repositories',
    ],
    ['Make code navigation fast', 'p90 hover latency from 800ms to 250ms'],
  ]);
  assert.equal(sourcegraph.file.objectives[1].key_results![0].current, 552.5);

  const growth = read(
    yaml`
      # Growth team

      - Owner: Jane
      - Updated weekly

      ## Double the number of activated teams

      - Weekly activated teams from 40 to 80

      ## Make the first week of a trial delightful

      - Day-7 retention from 30% to 45%

      ### Risks

      - The trial flow is being redesigned
    `,
  );
  assert.deepEqual(titles(growth.file), [
    ['Double the number of activated teams', 'Weekly activated teams from 40 to 80'],
    ['Make the first week of a trial delightful', 'Day-7 retention from 30% to 45%'],
  ]);
  assert.deepEqual(growth.problems, [
    {
      line: 3,
      message:
        'the bullet "Owner: Jane" is not under an objective (the heading above it, "Growth team" at line 1, is not one): not imported',
    },
    {
      line: 4,
      message:
        'the bullet "Updated weekly" is not under an objective (the heading above it, "Growth team" at line 1, is not one): not imported',
    },
    {
      line: 16,
      message:
        'the bullet "The trial flow is being redesigned" is not under an objective (the heading above it, "Risks" at line 14, is not one): not imported',
    },
  ]);
  // One objective under a page title with bullets of its own: a tie goes to the deeper level.
  const tie = read('# Platform\n\n- Owner: Sam\n\n## Make deploys boring\n\n- Failed deploys from 8% to 2%\n');
  assert.deepEqual(titles(tie.file), [['Make deploys boring', 'Failed deploys from 8% to 2%']]);
  assert.deepEqual(
    tie.problems.map((p) => p.line),
    [3],
  );
});

test('prefixes are stripped: Objective:, O1:, Goal 2 -, KR1:, KR 1., Key result:, CEO KR:, numbered headings', () => {
  const { file, problems } = read(
    yaml`
      # OKRs 2026-H1

      - Objectives:
        - O1: Customers trust our uptime
          - Key results:
            - KR1.1: Monthly availability from 99.5% to 99.9%
            - KR 1.2. Every outage gets a public post-mortem within 5 days
        - Goal 2 - Make on-call sustainable
          - Key result: Pages per on-call week from 25 to 8

      **Objective 3:** Ship the new billing engine

      - KR3: Invoices from the new engine from 0% to 100% (30%)

      ### 4. Objective: Close the enterprise gap => 80%

      1. **CEO KR:** Close 10 enterprise deals => closed 8
    `,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(titles(file), [
    [
      'Customers trust our uptime',
      'Monthly availability from 99.5% to 99.9%',
      'Every outage gets a public post-mortem within 5 days',
    ],
    ['Make on-call sustainable', 'Pages per on-call week from 25 to 8'],
    ['Ship the new billing engine', 'Invoices from the new engine from 0% to 100%'],
    ['Close the enterprise gap', 'Close 10 enterprise deals'],
  ]);
  assert.equal(file.period, '2026-H1');
  assert.equal(file.objectives[3].notes, 'Progress: 80%');
  assert.deepEqual(file.objectives[3].key_results![0].notes, 'Progress: closed 8');
  assert.deepEqual(file.objectives[2].key_results![0], {
    id: 'OKR-3.1',
    title: 'Invoices from the new engine from 0% to 100%',
    baseline: 0,
    target: 100,
    current: 30,
    unit: '%',
    notes: 'Progress: 30%',
  });
});

test('progress notes: a percentage sets current only where the title gives baseline and target; measure arrows stay', () => {
  const { file } = read(
    yaml`
      ## Objective: Ship safer code

      - Cut open critical findings from 40 to 10 => 50%
      - Regions with automatic failover from 0 to 3 => 10%
      - Raise test coverage from 40% → 85%
      - Raise test coverage 40% → 80% → 25%
      - Every service has an owner (75%)
      - Migrate service A -> service B
      - [x] Publish the threat model
      - [ ] Retire the legacy VPN
      - [x] Raise coverage from 40% to 80%
    `,
  );
  assert.deepEqual(file.objectives[0].key_results, [
    {
      id: 'OKR-1.1',
      title: 'Cut open critical findings from 40 to 10',
      baseline: 40,
      target: 10,
      current: 25,
      notes: 'Progress: 50%',
    },
    // 0.1 × 3 is 0.30000000000000004 in floating point: written as 0.3.
    {
      id: 'OKR-1.2',
      title: 'Regions with automatic failover from 0 to 3',
      baseline: 0,
      target: 3,
      current: 0.3,
      notes: 'Progress: 10%',
    },
    { id: 'OKR-1.3', title: 'Raise test coverage from 40% → 85%', baseline: 40, target: 85, unit: '%' },
    {
      id: 'OKR-1.4',
      title: 'Raise test coverage 40% → 80%',
      baseline: 40,
      target: 80,
      current: 50,
      unit: '%',
      notes: 'Progress: 25%',
    },
    // No measure to place it on: the note is kept, nothing is set.
    { id: 'OKR-1.5', title: 'Every service has an owner', notes: 'Progress: 75%' },
    { id: 'OKR-1.6', title: 'Migrate service A -> service B' },
    { id: 'OKR-1.7', title: 'Publish the threat model', done: true },
    { id: 'OKR-1.8', title: 'Retire the legacy VPN', done: false },
    // A milestone is not given a measure, as the engine's rule and quick-fix leave milestones alone.
    { id: 'OKR-1.9', title: 'Raise coverage from 40% to 80%', done: true },
  ]);
});

test('tables and several periods are reported; prose under an objective is its description', () => {
  const { file, problems } = read(
    yaml`
      # Q1 2026 OKRs

      ## Objective 1: Faster support

      Customers wait too long.
      Most wait over a day.

      - First reply within 4 hours for 90% of tickets

      | KR | Owner |
      | --- | --- |
      | Close 50 tickets a day | Ana |

      # Q2 2026 OKRs

      ## Objective 2: Cheaper support

      - Cost per ticket from $9 to $6
    `,
  );
  assert.equal(file.objectives[0].description, 'Customers wait too long. Most wait over a day.');
  assert.equal(file.period, undefined);
  assert.deepEqual(problems, [
    { line: 10, message: 'a table is not read: write its rows as bullets, or import it as CSV' },
    {
      line: 14,
      message:
        'the page names several periods (2026-Q1 at line 1, 2026-Q2 at line 14): no period set (one file holds one period; pass --period, or import each part on its own)',
    },
  ]);
  assert.equal(importMarkdown('# Q1 2026 OKRs\n\n## Objective: x\n', undefined, { period: 'FY27' }).problems.length, 0);
  assert.match(importMarkdown('# Q1 2026\n', undefined, { period: 'FY27' }).yaml, /^period: FY27\n/);
});

test('section titles: OKR words, periods and connectives only, or anything naming OKRs', () => {
  for (const t of [
    'Key results',
    'Q3 2023 objectives',
    'Engineering OKRs FY24-Q1',
    'Objectives & key results',
    'FY27-Q1',
    'Our goals for H2',
  ])
    assert.equal(isSection(t), true, t);
  for (const t of ['Help teams hit their objectives', 'Make code navigation fast', 'Retrospective', 'Team'])
    assert.equal(isSection(t), false, t);
});
