/**
 * Liberty's ${...} variables, resolved the way Liberty resolves them (restated from IBM's "Using variables
 * in configuration files", https://www.ibm.com/support/knowledgecenter/SSEQTP_liberty/com.ibm.websphere.wlp.doc/ae/twlp_setup_vars.html,
 * and Open Liberty's "Server configuration overview",
 * https://openliberty.io/docs/ref/config/server-configuration-overview.html):
 * - the directory variables Liberty predefines (server.config.dir, wlp.server.name, wlp.user.dir,
 *   shared.config.dir, ...) come from the layout and cannot be redefined;
 * - otherwise, highest first: a <variable value>, bootstrap.properties, the server's environment
 *   (server.env), a <variable defaultValue>;
 * - ${env.NAME} is the environment variable NAME; a plain name that nothing else defines is also looked
 *   up in the environment as written, with every character other than a letter or digit turned into
 *   `_`, and then upper-cased (Open Liberty 19.0.0.3 and later).
 * The environment the audit knows is the server.env files only: the server's real process environment is
 * not part of the definitions, and the audit machine's own environment is never consulted.
 */
import * as path from 'node:path';

/** Where the server sits: the directories Liberty names with predefined variables. */
export interface LibertyLayout {
  /** The directory holding server.xml. */
  serverConfigDir: string;
  serverName: string;
  serverOutputDir: string;
  /** Unknown when the layout is not usr/servers/<name> and site.yaml does not say. */
  wlpUserDir?: string;
  wlpInstallDir?: string;
}

export type Resolution = { value: string } | { missing: string; why: string };

interface Defined {
  value?: string;
  defaultValue?: string;
}

export class LibertyVariables {
  private readonly fromXml = new Map<string, Defined>();

  constructor(
    private readonly layout: LibertyLayout,
    private readonly environment: ReadonlyMap<string, string>,
    private readonly bootstrap: ReadonlyMap<string, string>,
  ) {}

  /** A <variable> element, read in the order Liberty merges configuration: a later value wins. */
  define(name: string, value: string | undefined, defaultValue: string | undefined): void {
    const known = this.fromXml.get(name) ?? {};
    if (value !== undefined) known.value = value;
    if (defaultValue !== undefined) known.defaultValue = defaultValue;
    this.fromXml.set(name, known);
  }

  /** The directory variables Liberty predefines, with the ones the layout cannot tell left out. */
  predefined(): Map<string, string> {
    const { serverConfigDir, serverName, serverOutputDir, wlpUserDir, wlpInstallDir } = this.layout;
    const known = new Map<string, string>([
      ['server.config.dir', serverConfigDir],
      ['server.output.dir', serverOutputDir],
      ['wlp.server.name', serverName],
    ]);
    if (wlpUserDir !== undefined) {
      known.set('wlp.user.dir', wlpUserDir);
      known.set('shared.config.dir', path.join(wlpUserDir, 'shared', 'config'));
      known.set('shared.resource.dir', path.join(wlpUserDir, 'shared', 'resources'));
      known.set('shared.app.dir', path.join(wlpUserDir, 'shared', 'apps'));
      known.set('usr.extension.dir', path.join(wlpUserDir, 'extension'));
    }
    if (wlpInstallDir !== undefined) known.set('wlp.install.dir', wlpInstallDir);
    return known;
  }

  /** One variable's value, or why it has none. */
  lookup(name: string): Resolution {
    const predefined = this.predefined().get(name);
    if (predefined !== undefined) return { value: predefined };
    if (UNKNOWN_DIRECTORIES.includes(name))
      return {
        missing: name,
        why: `\${${name}} is one of Liberty's directory variables, but the layout does not show it: set zosConnect.${name === 'wlp.install.dir' ? 'wlpInstallDir' : 'wlpUserDir'} in site.yaml (or keep server.xml in usr/servers/<name>)`,
      };
    if (name.startsWith('env.')) {
      const value = this.environment.get(name.slice(4));
      return value !== undefined
        ? { value }
        : {
            missing: name,
            why: `\${${name}} is not set in server.env (the server's process environment is not part of the definitions)`,
          };
    }
    const xml = this.fromXml.get(name);
    if (xml?.value !== undefined) return { value: xml.value };
    const bootstrap = this.bootstrap.get(name);
    if (bootstrap !== undefined) return { value: bootstrap };
    for (const candidate of environmentNames(name)) {
      const value = this.environment.get(candidate);
      if (value !== undefined) return { value };
    }
    if (xml?.defaultValue !== undefined) return { value: xml.defaultValue };
    return {
      missing: name,
      why: `\${${name}} is defined neither by a <variable> element, nor in bootstrap.properties, nor in server.env`,
    };
  }

  /** The text with every ${...} resolved (variables may refer to variables), or the first that cannot be. */
  resolve(text: string): Resolution {
    let value = text;
    for (let depth = 0; /\$\{[^}]*\}/.test(value); depth++) {
      if (depth >= 10)
        return { missing: value, why: 'variables that refer to each other in a loop (or nest more than 10 deep)' };
      let failed: Resolution | undefined;
      value = value.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (failed) return whole;
        const found = this.lookup(name.trim());
        if ('missing' in found) {
          failed = found;
          return whole;
        }
        return found.value;
      });
      if (failed) return failed;
    }
    return { value };
  }
}

const UNKNOWN_DIRECTORIES = [
  'wlp.user.dir',
  'wlp.install.dir',
  'shared.config.dir',
  'shared.resource.dir',
  'shared.app.dir',
  'usr.extension.dir',
];

/** The environment variable names Open Liberty tries for a plain ${name}. */
function environmentNames(name: string): string[] {
  const underscored = name.replace(/[^A-Za-z0-9]/g, '_');
  return [...new Set([name, underscored, underscored.toUpperCase()])];
}

/**
 * The layout Liberty gives a server whose server.xml is usr/servers/<name>/server.xml: the user directory
 * is usr, the install directory its parent, the output directory the server directory (WLP_OUTPUT_DIR
 * unset). What site.yaml says wins; what neither tells stays unknown.
 */
export function deriveLayout(
  serverXml: string,
  given: { wlpUserDir?: string; wlpInstallDir?: string; serverOutputDir?: string; serverName?: string },
): LibertyLayout {
  // Absolute, as Liberty's are: a relative one would be read again relative to the including file.
  const serverConfigDir = path.resolve(path.dirname(serverXml));
  const servers = path.dirname(serverConfigDir);
  const derivedUser = path.basename(servers) === 'servers' ? path.dirname(servers) : undefined;
  const wlpUserDir = given.wlpUserDir !== undefined ? path.resolve(given.wlpUserDir) : derivedUser;
  const derivedInstall = wlpUserDir && path.basename(wlpUserDir) === 'usr' ? path.dirname(wlpUserDir) : undefined;
  const wlpInstallDir = given.wlpInstallDir !== undefined ? path.resolve(given.wlpInstallDir) : derivedInstall;
  return {
    serverConfigDir,
    serverName: given.serverName ?? path.basename(serverConfigDir),
    serverOutputDir: given.serverOutputDir !== undefined ? path.resolve(given.serverOutputDir) : serverConfigDir,
    ...(wlpUserDir !== undefined ? { wlpUserDir } : {}),
    ...(wlpInstallDir !== undefined ? { wlpInstallDir } : {}),
  };
}
