/** The most an embed field's value may hold. */
export const FIELD_LIMIT = 1024;

/**
 * Text a teacher or the course wrote, shown exactly as written: every character Discord could read as Markdown
 * gets a backslash, so `__init__` is not underlined, `**NOT**` keeps its asterisks, `[a](b)` is no link and a
 * `<@…>`, `<#…>` or `<t:…>` no mention, channel or clock; a line opening with `#`, `-`, `+`, `>` or `1.` is no
 * heading, list or quote. Discord shows a backslashed punctuation mark as the mark alone.
 *
 * discord.js's `escapeMarkdown` is not used: it escapes the pairs it recognises, so a run of underscores or
 * asterisks comes through half escaped and half read as Markdown.
 *
 * Escaping can double a text's length, so `max` bounds the result: a longer one is clipped with an ellipsis,
 * never in the middle of an escape.
 */
export function plainText(text: string, max = Infinity): string {
  const escaped = text
    .replace(/[\\*_~`|[<]/g, '\\$&')
    .replace(/^([^\S\n]*)([#>+-])/gm, '$1\\$2')
    .replace(/^([^\S\n]*\d+)\./gm, '$1\\.');
  if (escaped.length <= max) return escaped;
  const clipped = escaped.slice(0, max - 1);
  // An odd run of backslashes at the cut would escape the ellipsis instead of the character it was escaping.
  const trailingBackslashes = /\\*$/.exec(clipped)?.[0].length ?? 0;
  return `${trailingBackslashes % 2 === 1 ? clipped.slice(0, -1) : clipped}…`;
}
