/**
 * A portable "contains" pattern for `LIKE :p ESCAPE '!'` (MySQL and SQLite
 * disagree on backslash in string literals, so the escape character is '!').
 */
export const likeContains = (s: string): string => `%${s.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** A portable "starts with" pattern for `LIKE :p ESCAPE '!'`. */
export const likePrefix = (s: string): string => `${s.replace(/[!%_]/g, (c) => `!${c}`)}%`;
