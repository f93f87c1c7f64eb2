import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buttonsOf, Classroom, classroomPerFile } from './classroom.js';

// The course as its files say, read here without Lectern's code, as the truth the replies are checked against.
interface TermFile {
  id: string;
  term: string;
  aliases?: string[];
  definition: string;
  source: string;
}
interface ChartFile {
  id: string;
  left: string;
  right: string;
  rows: { aspect: string; left: string; right: string }[];
  similarities?: { text: string }[];
}
const terms = parse(readFileSync('content/terms.yaml', 'utf8')) as TermFile[];
const charts = parse(readFileSync('content/comparisons.yaml', 'utf8')) as ChartFile[];
const termNamed = (id: string) => terms.find((term) => term.id === id)?.term ?? id;

let classroom: Classroom;

classroomPerFile({}, (opened) => (classroom = opened));

describe('start-up', () => {
  it('identifies on the gateway, then registers every command in one bulk PUT', async () => {
    const identify = await classroom.discord.waitFor('identify');
    const registration = await classroom.discord.waitForCommands();
    expect(registration.scope).toBe('guild');
    expect(registration.at).toBeGreaterThanOrEqual(identify.at);
    expect(registration.commands.map((command) => command.name)).toEqual(
      expect.arrayContaining(['define', 'compare', 'quiz', 'flashcards', 'review', 'score', 'leaderboard', 'help']),
    );
    const puts = classroom.discord.requests.filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(1);
  });
});

describe('/help', () => {
  it('lists what students can do, and what teachers can do only to teachers', async () => {
    const student = await (await classroom.run(classroom.student, 'help')).reply();
    const teacher = await (await classroom.run(classroom.teacher, 'help')).reply();
    expect(student.ephemeral).toBe(true);
    expect(student.embeds[0]?.fields?.map((field) => field.name)).toEqual(['For everyone']);
    expect(teacher.embeds[0]?.fields?.map((field) => field.name)).toEqual(['For everyone', 'For teachers']);
  });
});

describe('/define', () => {
  it('answers every term in the course with its definition and source, within the 3 s window', async () => {
    for (const term of terms) {
      const run = await classroom.run(classroom.student, 'define', { term: term.id });
      const reply = await run.reply();
      const [embed] = reply.embeds;
      expect(embed?.title).toBe(term.term);
      expect(embed?.description).toBe(term.definition.replace(/\s+/g, ' ').trim());
      expect(embed?.fields?.find((field) => field.name === 'Source')?.value).toContain(term.source);
      expect(reply.ephemeral).toBe(true);
      expect(run.ackLatencyMs).toBeLessThan(3000);
    }
  });

  it.each([
    ['colectivism', 'collectivism'],
    ['individualsim', 'individualism'],
    ['socialisation', 'socialization'],
    ['individualisation', 'individualization'],
    ['COLLECTIVIST', 'collectivism'],
  ])('finds "%s" as %s', async (typed, id) => {
    const reply = await (await classroom.run(classroom.student, 'define', { term: typed })).reply();
    expect(reply.embeds[0]?.title).toBe(termNamed(id));
  });

  it('answers an unknown word privately with suggestions, not an error', async () => {
    const reply = await (await classroom.run(classroom.student, 'define', { term: 'sociology' })).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/no term called “sociology”\. Did you mean \*\*.+\*\*/);
    expect(reply.content).toContain(termNamed('socialization'));
  });

  it('posts for the whole channel when asked to share', async () => {
    const reply = await (await classroom.run(classroom.student, 'define', { term: 'altruism', share: true })).reply();
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.title).toBe(termNamed('altruism'));
  });

  it('offers every term whose name or alias starts with a typed prefix', async () => {
    for (const prefix of ['individual', 'social', 'collectiv']) {
      const expected = terms
        .filter((term) => [term.term, ...(term.aliases ?? [])].some((name) => name.toLowerCase().startsWith(prefix)))
        .map((term) => term.id);
      expect(expected.length).toBeGreaterThan(1);
      const choices = await classroom.autocomplete(classroom.student, 'define', 'term', prefix);
      expect(choices.map((choice) => choice.value)).toEqual(expect.arrayContaining(expected));
    }
  });
});

describe('/compare', () => {
  /** Every aspect row of a chart, read page by page through the ▶ button, as [aspect, first column, second column]. */
  async function readChart(first: string, second: string) {
    let run = await classroom.run(classroom.student, 'compare', { first, second });
    let reply = await run.reply();
    const rows: [string, string, string][] = [];
    const sections: string[] = [];
    for (;;) {
      const fields = reply.embeds[0]?.fields ?? [];
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        const next = fields[i + 1];
        if (field?.inline && next?.inline && field.name !== '\u200b') {
          rows.push([field.name, field.value, next.value]);
          i += 2;
        } else if (field && !field.inline) {
          sections.push(field.name);
        }
      }
      const next = buttonsOf(reply).find((button) => button.label.startsWith('Next'));
      if (!next || next.disabled) break;
      run = await classroom.click(classroom.student, run, next.label);
      reply = await run.reply();
    }
    return { title: reply.embeds[0]?.title, rows, sections };
  }

  it.each(charts.map((chart) => [chart.id, chart] as const))(
    'shows %s aspect by aspect in both orders',
    async (_, chart) => {
      const forward = await readChart(chart.left, chart.right);
      expect(forward.title).toBe(`${termNamed(chart.left)} vs ${termNamed(chart.right)}`);
      for (const row of chart.rows) {
        const shown = forward.rows.find(([name]) => name.startsWith(row.aspect));
        expect(shown?.slice(1)).toEqual([row.left.trim(), row.right.trim()]);
      }
      if (chart.similarities?.length) expect(forward.sections).toContain('Similarities');
      expect(forward.sections.at(-1)).toBe('Sources');

      const backward = await readChart(chart.right, chart.left);
      expect(backward.title).toBe(`${termNamed(chart.right)} vs ${termNamed(chart.left)}`);
      for (const row of chart.rows) {
        const shown = backward.rows.find(([name]) => name.startsWith(row.aspect));
        expect(shown?.slice(1)).toEqual([row.right.trim(), row.left.trim()]);
      }
    },
  );

  it('turns a shared chart’s page for a classmate privately, leaving the shared message as it was', async () => {
    const [first] = charts;
    if (!first) throw new Error('no chart in the course');
    const shared = await classroom.run(classroom.student, 'compare', {
      first: first.left,
      second: first.right,
      share: true,
    });
    const message = await shared.reply();
    expect(message.ephemeral).toBe(false);
    const next = await classroom.click(classroom.studentAt(1), shared, 'Next ▶');
    const privatePage = await next.reply();
    expect(privatePage.ephemeral).toBe(true);
    expect(privatePage.embeds[0]?.footer?.text).toMatch(/^Page 2 of /);
    expect(classroom.discord.message(message.id).embeds[0]?.footer?.text).toMatch(/^Page 1 of /);
  });

  it('shows both definitions side by side for a pair without a chart', async () => {
    const pair = ['groupthink', 'american-dream'];
    expect(charts.some((chart) => pair.includes(chart.left) && pair.includes(chart.right))).toBe(false);
    const reply = await (
      await classroom.run(classroom.student, 'compare', { first: 'groupthink', second: 'american-dream' })
    ).reply();
    expect(reply.embeds[0]?.description).toContain('no comparison chart');
    expect(reply.embeds[0]?.fields?.map((field) => field.name).slice(0, 2)).toEqual([
      termNamed('groupthink'),
      termNamed('american-dream'),
    ]);
  });

  it('offers both options by autocomplete', async () => {
    const first = await classroom.autocomplete(classroom.student, 'compare', 'first', 'collect');
    const second = await classroom.autocomplete(classroom.student, 'compare', 'second', 'indiv');
    expect(first.map((choice) => choice.value)).toContain('collectivism');
    expect(second.map((choice) => choice.value)).toContain('individualism');
  });
});
