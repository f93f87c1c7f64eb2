import type { Course } from '../../content/course.js';

/** How a seed article is cited under every answer: its title, publisher and file. */
export function citation(course: Course, file: string): string {
  const seed = course.seed(file);
  return seed ? `${seed.title} — ${seed.publisher} (${file})` : file;
}

/** The distinct seeds behind a list of sourced items, cited one per line. */
export function citations(course: Course, files: Iterable<string>): string {
  return [...new Set(files)].map((file) => `• ${citation(course, file)}`).join('\n');
}
