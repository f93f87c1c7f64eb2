import type { APIEmbed } from 'discord.js';
import type { Course } from '../../content/course.js';
import type { StoredDeck } from '../../decks/library.js';
import type { Term } from '../../content/schema.js';
import { colors } from './colors.js';
import { plainText } from './plain-text.js';
import { citation } from './source.js';

export function definitionEmbed(course: Course, term: Term): APIEmbed {
  const related = term.related.map((id) => course.term(id)?.term ?? id);
  return {
    color: colors.definition,
    title: term.term,
    description: term.definition,
    fields: [
      { name: 'Explanation', value: term.explanation },
      { name: 'Example', value: term.example },
      ...(related.length > 0 ? [{ name: 'Related terms', value: related.join(' · ') }] : []),
      { name: 'Source', value: citation(course, term.source) },
    ],
    ...(term.aliases.length > 0 ? { footer: { text: `Also called: ${term.aliases.join(', ')}` } } : {}),
  };
}

/** Two terms side by side, for a pair the course has no chart for. */
export function sideBySideEmbed(course: Course, first: Term, second: Term): APIEmbed {
  return {
    color: colors.comparison,
    title: `${first.term} and ${second.term}`,
    description: 'The course has no comparison chart for this pair, so here are both definitions side by side.',
    fields: [
      { name: first.term, value: first.definition, inline: true },
      { name: second.term, value: second.definition, inline: true },
      {
        name: 'Sources',
        value: [...new Set([first.source, second.source])].map((file) => citation(course, file)).join('\n'),
      },
    ],
  };
}

/** A term from a teacher's own deck: what the deck says, as the teacher wrote it, and which deck. */
export function deckTermEmbed(deck: StoredDeck, term: StoredDeck['terms'][number]): APIEmbed {
  return {
    color: colors.definition,
    title: term.term,
    description: plainText(term.definition),
    fields: [{ name: 'Source', value: `Deck “${deck.name}”, imported by your teacher` }],
  };
}
