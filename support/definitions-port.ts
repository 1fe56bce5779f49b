/**
 * An optional extension of the target port for configuration-requirement scenarios
 * (features/site-configuration.feature). A target that reads a site's real definitions (CSD, SIT, RACF
 * commands, server.xml) implements `definitions()`; the model target and live targets do not, and those
 * scenarios are then not applicable on them, with a reason.
 *
 * What crosses this port is what an auditor holds in hand: the definitions as the reference model reads
 * them, every secret redacted, and where each definition was written (file, line, column), so that a
 * finding can point at the statement to fix.
 */
import type { ModelOptions, Site } from '../src/model';
import type { Target } from './target-port';

/** Where a definition was written: 1-based line and column, the file as given (relative when possible). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One definition's statement, and the attributes (keywords) within it. */
export interface DefinitionSource {
  at: SourceLocation;
  attributes: Record<string, SourceLocation>;
}

/** Definition kind -> definition name -> where it was written. */
export interface DefinitionSources {
  tcpipService: Record<string, DefinitionSource>;
  ipconn: Record<string, DefinitionSource>;
  transaction: Record<string, DefinitionSource>;
  /** SIT parameter name -> the override that set it. */
  sit: Record<string, DefinitionSource>;
  racfUser: Record<string, DefinitionSource>;
  /** zosconnect_cicsIpicConnection id. */
  zosConnection: Record<string, DefinitionSource>;
  authData: Record<string, DefinitionSource>;
  ssl: Record<string, DefinitionSource>;
  /** Certificate subject DN -> where its details were given (the certificate inventory). */
  certificate: Record<string, DefinitionSource>;
  /** Facts from the site manifest (site.yaml): sameSysplex, regionUserid, auditDate, ... */
  manifest: Record<string, DefinitionSource>;
}

export interface SiteDefinitions {
  /** What was read, e.g. the directory given as IPIC_DEFINITIONS. */
  origin: string;
  /** The site as the reference model reads it, with every password and phrase redacted. */
  site: Site;
  sources: DefinitionSources;
  /** The readings of uncertain rules the target decides with. */
  options: ModelOptions;
}

export interface DefinitionsPort {
  definitions(): Promise<SiteDefinitions>;
}

export function definitionsPortOf(target: Target): DefinitionsPort | undefined {
  const candidate = target as Partial<DefinitionsPort>;
  return typeof candidate.definitions === 'function' ? (target as Target & DefinitionsPort) : undefined;
}

export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}
