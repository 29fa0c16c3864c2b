/**
 * Text as Testing Library reads it from the page: amounts formatted for Spanish hold a
 * no-break space, which its queries read as a plain one.
 */
export const like = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s')}$`);
