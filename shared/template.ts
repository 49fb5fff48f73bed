/** "OKR: New OKR File": a starting point that passes every rule on its own. */
export function newOkrFileTemplate(period: string): string {
  return `# One team's objectives and key results for one period. Format: docs/format.md
period: ${period}
team: my-team
objectives:
  - id: TEAM-1
    title: Make account takeover a non-event for our customers
    owner: alice
    tenet: secure-the-product
    type: aspirational
    key_results:
      - id: TEAM-1.1
        title: Cut customer-reported account takeovers from 14 to 3 per quarter
        metric: account takeovers reported by customers, per quarter
        baseline: 14
        target: 3
        unit: incidents
        owner: alice
        confidence: 0.5
      - id: TEAM-1.2
        title: Raise accounts protected by MFA or SSO from 31% to 60%
        metric: share of active customer accounts with MFA or SSO
        baseline: 31
        target: 60
        unit: "%"
        owner: alice
        confidence: 0.5
    initiatives:
      - title: Offer passkeys at sign-in
        owner: alice
`;
}

/** The current calendar quarter, e.g. 2026-Q4. */
export function currentQuarter(date = new Date()): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
}
