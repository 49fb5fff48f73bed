// `npm start`: build, package the .vsix, then lint the bundled examples and print what the Problems
// panel would show. The examples include a file of typical mistakes, so errors there are expected.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const step = (title) => console.log(`\n== ${title}`);

step('Build');
execFileSync(npm, ['run', '--silent', 'build'], { stdio: 'inherit' });
step('Package');
execFileSync(npm, ['run', '--silent', 'package'], { stdio: 'inherit' });
console.log(`dist/okr-lens.vsix ${(statSync('dist/okr-lens.vsix').size / 1024).toFixed(0)} KiB`);
step('okr lint examples (what the Problems panel shows)');
const lint = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples'], { stdio: 'inherit' });
if (lint.status === 2 || lint.status === null) {
  console.error('okr lint failed to run');
  process.exit(1);
}
// The examples cover 2026-Q1 and their check-ins run to mid-February: judge them on a day of the quarter.
const AT = '2026-02-20';
step('okr tree examples (the alignment tree; also as one HTML page)');
execFileSync(process.execPath, ['dist/cli.js', 'tree', 'examples'], { stdio: 'inherit' });
execFileSync(
  process.execPath,
  ['dist/cli.js', 'tree', '--format', 'html', '--at', AT, '-o', 'dist/examples-tree.html', 'examples'],
  { stdio: 'inherit' },
);
console.log('wrote dist/examples-tree.html (open it in any browser, offline)');
step(`okr report examples --at ${AT} --since 2026-02-06 (the status meeting)`);
execFileSync(
  process.execPath,
  ['dist/cli.js', 'report', '--at', AT, '--since', '2026-02-06', 'examples/security.okr.yaml'],
  { stdio: 'inherit' },
);
execFileSync(
  process.execPath,
  [
    'dist/cli.js',
    'report',
    '--format',
    'html',
    '--at',
    AT,
    '--since',
    '2026-02-06',
    '-o',
    'dist/examples-report.html',
    'examples',
  ],
  { stdio: 'inherit' },
);
console.log('wrote dist/examples-report.html (the same for every file, with burn-up charts)');
console.log(
  '\nexamples/mistakes.okr.yaml holds typical mistakes on purpose; the other files are clean.' +
    '\nInstall the extension with: code --install-extension dist/okr-lens.vsix',
);
