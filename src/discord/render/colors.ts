/** Lectern's palette, so every reply of one kind looks the same. */
export const colors = {
  definition: 0x3b82f6,
  comparison: 0x8b5cf6,
} as const;
