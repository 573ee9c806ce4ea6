/** Number and percentage formatting shared by the views (pure). */

/** `20000` → `20,000`. */
export function thousands(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `12.345` → `12%`; below 1 but above 0 → `<1%`. */
export function percent(p: number): string {
  if (p > 0 && p < 1) {
    return '<1%';
  }
  return `${Math.round(p)}%`;
}
