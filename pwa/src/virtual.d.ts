/** The English words of the signed-in screens, split off the catalogue by vite.config.ts. */
declare module 'virtual:en-more' {
  const words: Record<string, string | Partial<Record<Intl.LDMLPluralRule, string>>>;
  export default words;
}
