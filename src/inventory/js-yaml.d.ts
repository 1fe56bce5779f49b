// The part of js-yaml 4 the project uses (the package ships no types of its own): the inventory loader and
// the rule index read with it, the sandbox writes its inventory with it.
declare module 'js-yaml' {
  export const CORE_SCHEMA: object;
  export function load(text: string, options?: { schema?: object; filename?: string; json?: boolean }): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number; noRefs?: boolean }): string;
}
