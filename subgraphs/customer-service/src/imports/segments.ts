import { DEMO_SEGMENTS } from '@group/shared';

/**
 * Segment codes of import files (RESI, COMM...) -> segment ids. Segments are
 * owned by organization; this subgraph has no copy of them, but their ids are
 * stable (derived from the code) and the group's ten segments (CS-R34) are the
 * shared catalogue every subgraph seeds from. A cell may hold the code (any
 * case) or the id. Unknown values are refused (UNKNOWN_SEGMENT).
 */
const BY_KEY = new Map<string, string>();
for (const s of DEMO_SEGMENTS) {
  BY_KEY.set(s.code.toUpperCase(), s.id);
  BY_KEY.set(s.id.toUpperCase(), s.id);
}

export function segmentIdOf(codeOrId: string): string | null {
  return BY_KEY.get(codeOrId.trim().toUpperCase()) ?? null;
}

export const SEGMENT_CODES = DEMO_SEGMENTS.map((s) => s.code);
