/**
 * The z/OS Connect server's Liberty files as site.yaml names them: server.xml, bootstrap.properties and
 * server.env (each defaulting to the file beside server.xml, where Liberty reads it), and the directory
 * variables of its layout. Liberty reads server.env from ${wlp.install.dir}/etc, then
 * ${wlp.user.dir}/shared, then the server directory, a later file's value winning
 * (https://openliberty.io/docs/ref/config/server-configuration-overview.html); the audit reads those it
 * can locate.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isSecretKeyName } from '../../support/redaction';
import { displayPath, type Diagnostics } from './diagnostics';
import { deriveLayout } from './liberty-variables';
import type { SiteManifest } from './manifest';
import { parseProperties, parseServerEnv, type Properties } from './properties';
import { parseServerXml, type ServerXmlDefinitions } from './server-xml';

export interface LibertyServer {
  server: ServerXmlDefinitions;
  bootstrap?: Properties;
  serverEnv: Properties[];
}

export function readLibertyServer(
  directory: string,
  zosConnect: SiteManifest['zosConnect'],
  diagnostics: Diagnostics,
): LibertyServer {
  const inSite = (relative: string | undefined) =>
    relative === undefined ? undefined : path.join(directory, relative);
  const serverXml = path.join(directory, zosConnect.serverXml);
  const configDir = path.dirname(serverXml);
  const layout = deriveLayout(serverXml, {
    ...optional('wlpUserDir', inSite(zosConnect.wlpUserDir)),
    ...optional('wlpInstallDir', inSite(zosConnect.wlpInstallDir)),
    ...optional('serverOutputDir', inSite(zosConnect.serverOutputDir)),
  });
  /** A file site.yaml names must be there; a default one is read only when it is. */
  const read = (named: string | undefined, fallback: string | undefined) => {
    const file = named ?? (fallback !== undefined && existsSync(fallback) ? fallback : undefined);
    if (file === undefined) return undefined;
    const content = diagnostics.readFile(file);
    if (content === undefined)
      diagnostics.problem(
        { file: displayPath(file), line: 1, column: 1 },
        'file',
        'a readable file (named in site.yaml)',
      );
    return content === undefined ? undefined : { content, shown: displayPath(file) };
  };
  const bootstrapFile = read(inSite(zosConnect.bootstrapProperties), path.join(configDir, 'bootstrap.properties'));
  const bootstrap = bootstrapFile
    ? parseProperties(bootstrapFile.content, bootstrapFile.shown, diagnostics)
    : undefined;
  const envFiles = [
    read(undefined, layout.wlpInstallDir && path.join(layout.wlpInstallDir, 'etc', 'server.env')),
    read(undefined, layout.wlpUserDir && path.join(layout.wlpUserDir, 'shared', 'server.env')),
    read(inSite(zosConnect.serverEnv), path.join(configDir, 'server.env')),
  ].filter((f) => f !== undefined);
  const serverEnv = envFiles.map((f) => parseServerEnv(f.content, f.shown, diagnostics));
  const environment = new Map<string, string>();
  for (const env of serverEnv) for (const [key, value] of env.values) environment.set(key, value);
  const server = parseServerXml(serverXml, bootstrap, diagnostics, { environment, layout });
  for (const [key, value] of environment) if (isSecretKeyName(key) && value) server.secrets.add(value);
  return { server, ...(bootstrap ? { bootstrap } : {}), serverEnv };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
