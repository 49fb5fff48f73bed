import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { importCsv } from '../../server/src/cli/import';
import { fieldOf } from '../../server/src/cli/import/csv';
import { readConfidence, readDate, readPeriod, readQuantity } from '../../server/src/cli/import/values';
import { yaml } from '../helpers';
import { fixture, structuralProblems } from './importFixtures';

test('a Google Sheets export: quoted commas, newlines and quotes, blank objective cells, unknown columns in notes', () => {
  const text = fixture('google-sheets.csv');
  const { yaml: out, problems } = importCsv(text, 'google-sheets.csv');
  assert.deepEqual(problems, []);
  assert.equal(
    out,
    yaml`
      # Imported from google-sheets.csv by okr import.
      objectives:
        - id: OKR-1
          title: Make account takeover a non-event for our customers
          key_results:
            - id: OKR-1.1
              title: Cut successful credential-stuffing logins from 1,200 to 100 a week
              baseline: 1200
              target: 100
              current: 340
              unit: logins
              owner: alice
              confidence: 0.6
              due: 2026-03-31
              notes: |-
                Status: On track
                Comments: Rate limits shipped, WAF rule next
            - id: OKR-1.2
              title: Raise MFA adoption among active customers from 35% to 70%
              baseline: 35
              target: 70
              current: 48
              unit: "%"
              owner: bob
              confidence: 0.7
              due: 2026-03-31
              notes: |-
                Status: At risk
                Comments: Blocked on the "Remember me" redesign;
                waiting on design
            - id: OKR-1.3
              title: "Time to revoke a leaked session: 4h → 15 min"
              baseline: 240
              target: 15
              current: 60
              unit: minutes
              owner: alice
              due: 2026-03-31
        - id: OKR-2
          title: Make security reviews something teams ask for
          key_results:
            - id: OKR-2.1
              title: Product teams that book a review before launch
              baseline: 2
              target: 10
              current: 4
              unit: teams
              owner: carol
              confidence: 0.7
              due: 2026-03-31
              notes: "Status: On track"
            - id: OKR-2.2
              title: Review turnaround, from request to sign-off
              baseline: 10
              target: 3
              unit: days
              owner: carol
              due: 2026-03-15
              notes: 'Comments: Business days: see the Jira "SEC" board'
    `,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('an Excel export: BOM, semicolons, CRLF, decimal commas, percent confidence, Team and Quarter columns', () => {
  const text = fixture('excel.csv');
  assert.ok(text.startsWith('\uFEFFTeam;') && text.includes('\r\n'), 'the fixture is what Excel writes');
  const { yaml: out, problems } = importCsv(text);
  assert.deepEqual(problems, []);
  assert.equal(
    out,
    yaml`
      period: 2026-Q1
      team: Payments
      objectives:
        - id: PAYMENTS-1
          title: Customers trust us with their payment data
          tenet: secure-the-product
          aligns_to: CO-2
          key_results:
            - id: PAYMENTS-1.1
              title: Critical findings open longer than 30 days
              baseline: 12
              target: 0
              current: 5
              unit: findings
              owner: dana
              confidence: 0.7
              due: 2026-03-31
              notes: "Risk: medium"
            - id: PAYMENTS-1.2
              title: Uptime of the payment API
              baseline: 99.5
              target: 99.95
              current: 99.8
              unit: "%"
              owner: dana
              confidence: 0.8
              due: 2026-03-31
            - id: PAYMENTS-1.3
              title: Pass the PCI DSS audit with no major finding
              owner: marcus
              confidence: 0.9
              notes: "Risk: high"
            - id: PAYMENTS-1.4
              title: Phishing emails reported by staff each quarter
              baseline: 1250
              target: 2500
              current: 1900
              unit: reports
              owner: dana
              confidence: 0.6
              due: 2026-03-31
              notes: "Risk: low"
        - id: PAYMENTS-2
          title: Engineers fix security bugs without waiting for us
          tenet: secure-the-product
          aligns_to: CO-3
          key_results:
            - id: PAYMENTS-2.1
              title: Median days to fix a high-severity bug from 45 to 14
              baseline: 45
              target: 14
              current: 30
              owner: marcus
              confidence: 0.55
    `,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('what cannot be read is reported at its spreadsheet row (a quoted newline is still one row) and kept in notes', () => {
  const { yaml: out, problems } = importCsv(fixture('problems.csv'));
  assert.deepEqual(problems, [
    {
      line: 2,
      message:
        'the key result "Orphan key result with no objective above" has no objective (its Objective cell is blank and no row above names one): not imported',
    },
    { line: 3, message: 'Target "TBD" is not a number: left out (kept in notes)' },
    {
      line: 3,
      message: 'Due "04/03/2026" could be day/month or month/day (write YYYY-MM-DD): left out (kept in notes)',
    },
    {
      line: 3,
      message: 'Confidence "high" is not a confidence (0 to 1, or a percentage such as 70%): left out (kept in notes)',
    },
    {
      line: 3,
      message: 'Aligns to "Grow revenue" is not a list of objective ids (such as CO-2): left out (kept in notes)',
    },
    {
      line: 4,
      message: 'Due "2026-02-30" is not a date (write YYYY-MM-DD): left out (kept in notes)',
    },
    {
      line: 4,
      message: 'Confidence "150%" is not a confidence (0 to 1, or a percentage such as 70%): left out (kept in notes)',
    },
  ]);
  assert.equal(
    out,
    yaml`
      objectives:
        - id: OKR-1
          title: Reduce the risk in what we ship
          notes: "Aligns to: Grow revenue"
          key_results:
            - id: OKR-1.1
              title: Critical CVEs patched within 7 days
              notes: |-
                Target: TBD
                Due: 04/03/2026
                Confidence: high
            - id: OKR-1.2
              title: Open critical findings
              target: 0
              notes: |-
                Due: 2026-02-30
                Confidence: 150%
    `,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('headers are matched case-insensitively, trimmed, with synonyms; the first of two same columns wins', () => {
  const text = [
    '  OBJECTIVE , Key Result Title ,Starting value,Goal,Progress value,Units,Deadline (YYYY-MM-DD),Parent objective,Period,Owner,DRI',
    'Patch faster,Median days to patch,30,7,12,days,2026-03-31,"CO-2, CO-3",2026-Q1,alice,bob',
  ].join('\n');
  const { yaml: out, problems } = importCsv(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(parse(out), {
    period: '2026-Q1',
    objectives: [
      {
        id: 'OKR-1',
        title: 'Patch faster',
        aligns_to: ['CO-2', 'CO-3'],
        key_results: [
          {
            id: 'OKR-1.1',
            title: 'Median days to patch',
            baseline: 30,
            target: 7,
            current: 12,
            unit: 'days',
            owner: 'alice',
            due: '2026-03-31',
            notes: 'DRI: bob',
          },
        ],
      },
    ],
  });
  assert.equal(fieldOf('KR'), 'keyResult');
  assert.equal(fieldOf('Key result'), 'keyResult');
  assert.equal(fieldOf('Start'), 'baseline');
  assert.equal(fieldOf('Actual'), 'current');
  assert.equal(fieldOf('Confidence (%)'), 'confidence');
  assert.equal(fieldOf('due_date'), 'due');
  assert.equal(fieldOf('Aligns to:'), 'alignsTo');
  assert.equal(fieldOf('Parent'), 'alignsTo');
  assert.equal(fieldOf('Status'), undefined);
});

test("an objective's own row gives its owner and notes; a repeated objective cell, even further down, is the same objective", () => {
  const text = [
    'Objective,Key result,Owner,Target,Tenet,Status',
    'Ship safer code,,alice,,secure-the-product,green',
    ',Critical findings from 12 to 0,bob,,,',
    'Answer customers faster,First reply within a day for 90% of tickets,carol,,,',
    'Ship safer code,Services with a threat model from 40% to 100%,dana,,,',
    'Ship safer code,,,5,protect-the-company,',
  ].join('\r\n');
  const { yaml: out, problems } = importCsv(text);
  assert.deepEqual(problems, [
    { line: 6, message: 'Target "5" is on a row with no key result: kept in the objective\'s notes' },
    {
      line: 6,
      message:
        'Tenet "protect-the-company" differs from "secure-the-product" (row 2) for the same objective: kept in its notes',
    },
  ]);
  assert.equal(
    out,
    yaml`
      objectives:
        - id: OKR-1
          title: Ship safer code
          tenet: secure-the-product
          owner: alice
          notes: |-
            Status: green
            Tenet: protect-the-company
            Target: 5
          key_results:
            - id: OKR-1.1
              title: Critical findings from 12 to 0
              baseline: 12
              target: 0
              owner: bob
            - id: OKR-1.2
              title: Services with a threat model from 40% to 100%
              baseline: 40
              target: 100
              unit: "%"
              owner: dana
        - id: OKR-2
          title: Answer customers faster
          key_results:
            - id: OKR-2.1
              title: First reply within a day for 90% of tickets
              owner: carol
    `,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('a title measure fills only what the columns leave out, as the quick-fix does; two units, no measure', () => {
  const text = [
    'Objective,Key result,Baseline,Target,Unit',
    'Patch faster,Cut the median days to patch from 30 to 7,28,,',
    ',Raise coverage from 40% → 85%,,,points',
    ',Lower p95 latency from 4h to 30min,,,',
  ].join('\n');
  const krs = (parse(importCsv(text).yaml) as { objectives: { key_results: object[] }[] }).objectives[0].key_results;
  assert.deepEqual(krs, [
    { id: 'OKR-1.1', title: 'Cut the median days to patch from 30 to 7', baseline: 28, target: 7 },
    { id: 'OKR-1.2', title: 'Raise coverage from 40% → 85%', baseline: 40, target: 85, unit: 'points' },
    // Different units: the engine reads no measure, so none is recorded.
    { id: 'OKR-1.3', title: 'Lower p95 latency from 4h to 30min' },
  ]);
});

test('titles with YAML-significant characters read back exactly', () => {
  const titles = [
    'Ship: the "new" login # really',
    "- it's a dash",
    '@mentions & *stars*',
    'yes',
    '2026',
    '  leading spaces are trimmed, inner  ones  are one',
    '{braces} [brackets]',
    '% of users, 100%',
    'null',
  ];
  const text = [
    'Objective,Key result',
    ...titles.map((t) => `"${t.replace(/"/g, '""')}","${t.replace(/"/g, '""')}"`),
  ].join('\n');
  const { yaml: out, problems } = importCsv(text);
  assert.deepEqual(problems, []);
  const read = parse(out) as { objectives: { title: unknown; key_results: { title: unknown }[] }[] };
  const expected = titles.map((t) => t.trim().replace(/\s+/g, ' '));
  assert.deepEqual(
    read.objectives.map((o) => o.title),
    expected,
  );
  assert.deepEqual(
    read.objectives.map((o) => o.key_results[0].title),
    expected,
  );
  assert.deepEqual(structuralProblems(out), []);
});

test('--team names the ids and wins over a Team column; differing Team cells are reported', () => {
  const text = [
    'Team,Period,Objective,Key result',
    'web,Q2 2026,Fast pages,LCP from 3s to 2s',
    'api,Q2 2026,,p99 from 900ms to 300ms',
  ].join('\n');
  const own = importCsv(text);
  assert.deepEqual(own.problems, [
    {
      line: 3,
      message: 'Team "api" differs from "web" (row 2) (one file holds one team\'s OKRs for one period): left out',
    },
  ]);
  assert.match(own.yaml, /^period: 2026-Q2\nteam: web\nobjectives:\n {2}- id: WEB-1\n/);
  const given = importCsv(text, undefined, { team: 'Platform Security', period: '2026-H1' });
  assert.deepEqual(given.problems, []);
  assert.match(given.yaml, /^period: 2026-H1\nteam: Platform Security\nobjectives:\n {2}- id: PLATFORM-SECURITY-1\n/);
  assert.match(given.yaml, /\n {6}- id: PLATFORM-SECURITY-1\.2\n/);
});

test('a quote that never closes stops the parser at its row; the rows above it are imported', () => {
  const text = 'Objective,Key result\nShip,Uptime from 99% to 99.9%\n,"Never closed\n,Next\n';
  const { yaml: out, problems } = importCsv(text);
  assert.deepEqual(problems, [
    {
      line: 3,
      message:
        'Quote Not Closed: the parsing is finished with an opening quote: this row and the rows below it were not read',
    },
  ]);
  assert.match(out, /title: Uptime from 99% to 99.9%/);
});

test('headers and files it cannot use are reported at row 1', () => {
  assert.deepEqual(importCsv('').problems, [{ line: 1, message: 'the file has no rows' }]);
  assert.deepEqual(importCsv('Goal,Owner\n5,alice\n').problems, [
    { line: 1, message: 'no Objective column: the first row must be the header (found: Goal, Owner)' },
  ]);
  assert.equal(importCsv('').yaml, 'objectives: []\n');
  // Excel's "sep=" line names the separator and is not a row.
  const sep = importCsv('sep=;\nObjective;Key result\nShip;Uptime, monthly\n;\n;Orphan?\n');
  assert.deepEqual(sep.problems, []);
  assert.match(sep.yaml, /title: Uptime, monthly\n.*title: Orphan\?/s);
});

test('cell values: numbers in both decimal conventions, confidences, dates only when unambiguous, periods', () => {
  assert.deepEqual(readQuantity('1,200', false), { value: 1200 });
  assert.deepEqual(readQuantity('0,7', false), { value: 0.7 });
  assert.deepEqual(readQuantity('1.200,5', true), { value: 1200.5 });
  assert.deepEqual(readQuantity('99,95', true), { value: 99.95 });
  assert.deepEqual(readQuantity('40%', false), { value: 40, unit: '%' });
  assert.deepEqual(readQuantity('30 days', false), { value: 30, unit: 'days' });
  assert.deepEqual(readQuantity('-3', false), { value: -3 });
  assert.equal(readQuantity('TBD', false), undefined);
  assert.equal(readQuantity('1,2,3', false), undefined);
  assert.equal(readConfidence('70%', false), 0.7);
  assert.equal(readConfidence('70', false), 0.7);
  assert.equal(readConfidence('0.7', false), 0.7);
  assert.equal(readConfidence('0,65', true), 0.65);
  assert.equal(readConfidence('1', false), 1);
  assert.equal(readConfidence('57%', false), 0.57);
  assert.equal(readConfidence('150', false), undefined);
  assert.equal(readConfidence('high', false), undefined);
  assert.deepEqual(readDate('2026-03-31'), { date: '2026-03-31' });
  assert.deepEqual(readDate('2026/3/5'), { date: '2026-03-05' });
  assert.deepEqual(readDate('2026-03-31 00:00:00'), { date: '2026-03-31' });
  assert.deepEqual(readDate('31/03/2026'), { date: '2026-03-31' });
  assert.deepEqual(readDate('13/03/2026'), { date: '2026-03-13' });
  assert.deepEqual(readDate('03/13/2026'), { date: '2026-03-13' });
  assert.deepEqual(readDate('03/31/2026'), { date: '2026-03-31' });
  assert.deepEqual(readDate('05/05/2026'), { date: '2026-05-05' });
  assert.deepEqual(readDate('31.03.2026'), { date: '2026-03-31' });
  assert.deepEqual(readDate('04.03.2026'), { date: '2026-03-04' });
  assert.deepEqual(readDate('Mar 31, 2026'), { date: '2026-03-31' });
  assert.deepEqual(readDate('31 March 2026'), { date: '2026-03-31' });
  assert.deepEqual(readDate('04/03/2026'), { error: 'ambiguous' });
  assert.deepEqual(readDate('31/31/2026'), { error: 'unreadable' });
  assert.deepEqual(readDate('2026-02-30'), { error: 'unreadable' });
  assert.deepEqual(readDate('end of March'), { error: 'unreadable' });
  assert.deepEqual(readDate('31/03/26'), { error: 'unreadable' });
  assert.equal(readPeriod('2026-q1'), '2026-Q1');
  assert.equal(readPeriod('Q1 2026'), '2026-Q1');
  assert.equal(readPeriod('H2/2026'), '2026-H2');
  assert.equal(readPeriod('FY27 Q3'), 'FY27-Q3');
  assert.equal(readPeriod('Q3 FY27'), 'FY27-Q3');
  assert.equal(readPeriod('2026'), '2026');
  assert.equal(readPeriod('Q5 2026'), undefined);
  assert.equal(readPeriod('Spring'), undefined);
});
