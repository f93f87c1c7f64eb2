/** Lectern's palette, so every reply of one kind looks the same. */
export const colors = {
  definition: 0x3b82f6,
  comparison: 0x8b5cf6,
  quiz: 0xf59e0b,
  right: 0x22c55e,
  wrong: 0xef4444,
  score: 0x14b8a6,
  flashcard: 0xec4899,
} as const;
