import { z } from 'zod';

/** A path typed or picked by the user: trimmed, bounded, no NUL byte (the OS would cut the name there). */
export const filePath = (required = 'a file path is required') =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(4096)
    .refine((p) => !p.includes('\0'), 'the path contains a NUL character');

/** Replace an existing file: only when the user confirmed it (the app asks; the CLI's --force). */
export const overwrite = z.boolean().optional();
