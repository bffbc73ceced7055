/** The loader's safety bounds, apart from the loader: the card cache keys by them without loading the YAML and schema code. */

/** Bounds that keep a hostile or mistaken file from exhausting memory or time. */
export interface LoadLimits {
  /** Largest annotation file, in bytes. */
  maxAnnotationBytes: number;
  /** Largest article text, in bytes. */
  maxTextBytes: number;
  /** Most alias expansions in one file, and most aliases (an "alias bomb" guard). */
  maxAliasCount: number;
  /** Deepest nesting of lists and mappings (the parser is recursive: thousands of levels exhaust its stack). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxAnnotationBytes: 1024 * 1024,
  maxTextBytes: 4 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
};

/**
 * The limits for `--max-size MB`: a user who means a larger file raises the
 * bound on the annotation to MB, and on its article text to at least MB. The
 * alias bound stays: it guards against a bomb, not a large file.
 */
export function limitsForMaxSize(megabytes: number | undefined): LoadLimits {
  if (megabytes === undefined) return DEFAULT_LIMITS;
  const bytes = Math.floor(megabytes * 1024 * 1024);
  return { ...DEFAULT_LIMITS, maxAnnotationBytes: bytes, maxTextBytes: Math.max(DEFAULT_LIMITS.maxTextBytes, bytes) };
}
