import { z } from 'zod';

/** A seed file name from ../shared/seeds, e.g. `000_799dfff4aa333489.txt`; listed in content/seeds.yaml. */
const seedFile = z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'a seed file name such as 000_799dfff4aa333489.txt');
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case kebab-case id');
const text = (max: number) => z.string().trim().min(1).max(max);

export const seedSchema = z.strictObject({
  file: seedFile,
  title: text(120),
  publisher: text(80),
  /** One line saying what the article covers, shown when a student picks a seed as a topic. */
  summary: text(300),
});

export const termSchema = z.strictObject({
  id,
  term: text(60),
  /** Other names and spellings a student may type: socialisation, interdependent self, … */
  aliases: z.array(text(60)).default([]),
  definition: text(220),
  explanation: text(900),
  example: text(400),
  /** Ids of other terms. */
  related: z.array(id).default([]),
  source: seedFile,
});

const sourced = z.strictObject({ text: text(300), source: seedFile });

export const comparisonRowSchema = z.strictObject({
  aspect: text(60),
  left: text(300),
  right: text(300),
  source: seedFile,
});

export const caseStudySchema = z.strictObject({
  title: text(60),
  /** Which side of the comparison the case illustrates. */
  side: z.enum(['left', 'right']),
  text: text(600),
  source: seedFile,
});

export const comparisonSchema = z.strictObject({
  id,
  title: text(100),
  /** Term ids of the two sides; /compare finds the chart from either order. */
  left: id,
  right: id,
  rows: z.array(comparisonRowSchema).min(1),
  strengths: z.strictObject({ left: z.array(sourced).default([]), right: z.array(sourced).default([]) }).optional(),
  weaknesses: z.strictObject({ left: z.array(sourced).default([]), right: z.array(sourced).default([]) }).optional(),
  similarities: z.array(sourced).default([]),
  caseStudies: z.array(caseStudySchema).default([]),
});

export const faqSchema = z.strictObject({
  question: text(200),
  answer: text(700),
  /** The comparison id the question belongs to. */
  topic: id,
  source: seedFile,
});

export const seedsFileSchema = z.array(seedSchema).min(1);
export const termsFileSchema = z.array(termSchema).min(1);
export const comparisonsFileSchema = z.array(comparisonSchema).min(1);
export const faqsFileSchema = z.array(faqSchema);

export type Seed = z.infer<typeof seedSchema>;
export type Term = z.infer<typeof termSchema>;
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;
export type Sourced = z.infer<typeof sourced>;
export type CaseStudy = z.infer<typeof caseStudySchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type Faq = z.infer<typeof faqSchema>;
