/** The federated reference to an entity of another subgraph: just its key, or null when the column is null. */
export const stub = (id: string | null | undefined): { id: string } | null => (id ? { id } : null);
