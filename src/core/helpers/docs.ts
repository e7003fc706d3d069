// C signatures and documentation of the helpers (placeholder).
export interface HelperDoc { signature: string; doc: string }
export const DOCS: Readonly<Record<string, HelperDoc>> = {};
