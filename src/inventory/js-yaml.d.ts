// The part of js-yaml 4 the inventory loader uses (the package ships no types of its own).
declare module 'js-yaml' {
  export const CORE_SCHEMA: object;
  export function load(text: string, options?: { schema?: object; filename?: string; json?: boolean }): unknown;
}
