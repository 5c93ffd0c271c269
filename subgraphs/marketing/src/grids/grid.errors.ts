import { badInput, conflict, forbidden, notFound } from '@group/shared';

export const gridErrors = {
  writeForbidden: () => forbidden('GRID_WRITE_FORBIDDEN', 'Only segment heads create grids and assign customer managers, within their own segment'),
  placeForbidden: () => forbidden('GRID_PLACEMENT_FORBIDDEN', 'Only segment heads and business staff place customers in grids, within their own segment'),
  gridNotFound: (id: string) => notFound('Grid', id),
  customerNotFound: (id: string) => notFound('Customer', id),
  parentSegmentMismatch: () => badInput('GRID_SEGMENT_MISMATCH', 'A grid and its parent, and a grid and its customers, belong to the same segment'),
  notEmpty: (children: number, customers: number) =>
    conflict('GRID_NOT_EMPTY', `The grid still has ${children} sub-grid(s) and ${customers} customer(s); move them first`, { children, customers }),
  codeTaken: (code: string) => conflict('GRID_CODE_TAKEN', `Grid code ${code} is already used`, { gridCode: code }),
};
