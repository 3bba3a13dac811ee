/** "12.50" → 1250 cents; "" → null (not set); anything else → NaN. */
export function centsOf(amount: string): number | null {
  const text = amount.trim().replace(',', '.');
  if (!text) return null;
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * 100);
}
