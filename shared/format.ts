/** Numbers as every surface writes them (hover, code lens, preview, report, burn-up): one place. */

/** A share as a whole percentage, `62%`; `–` when there is none. */
export function percent(share: number | undefined | null): string {
  return share === undefined || share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** A score on re:Work's scale, 0.0 to 1.0, to two decimals at most: `0.85`, `1.0`. */
export function scoreText(score: number): string {
  const s = String(Math.round(score * 100) / 100);
  return s.includes('.') ? s : `${s}.0`;
}
