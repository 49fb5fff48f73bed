// Generated OKR files for the benchmark.
/** A realistic file: every objective and key result different, so no two slices are alike. */
export function generate(n, prefix = 'O') {
  let s = 'period: 2026-Q1\nteam: bench\nobjectives:\n';
  for (let i = 0; i < n; i++) {
    s += `  - id: ${prefix}-${i}\n    title: Make account takeover a non-event for customer segment ${i}\n    owner: alice\n    tenet: secure-the-product\n    type: aspirational\n    key_results:\n`;
    for (let k = 0; k < 4; k++) {
      s += `      - id: ${prefix}-${i}.${k}\n        title: Cut the median days to patch critical CVEs in service ${i}-${k}\n        metric: median days from disclosure to patched\n        baseline: ${30 + k}\n        target: ${7 + k}\n        current: ${12 + (i % 9)}\n        unit: days\n        owner: bob\n        confidence: 0.${((i + k) % 9) + 1}\n`;
    }
  }
  return s;
}
