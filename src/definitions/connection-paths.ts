/**
 * A connection path: one zosconnect_cicsIpicConnection element and everything it reaches in CICS (the
 * TCPIPSERVICE on its port, the IPCONN matching its APPLID and NETWORKID, the mirror it attaches) and
 * in z/OS Connect (its ssl repertoire and authData). Scenarios are matched against paths.
 */
import type { AuthData, Ipconn, Site, SslRepertoire, TcpipService, Transaction, ZosConnectConnection } from '../model';

export interface ConnectionPath {
  conn: ZosConnectConnection;
  service?: TcpipService;
  ipconn?: Ipconn;
  repertoire?: SslRepertoire;
  authData?: AuthData;
  /** The transaction CICS attaches as the mirror (R48): the custom transid under EIB_AND_MIRROR, else CSMI. */
  mirror: string;
  mirrorTransaction?: Transaction;
}

export function connectionPaths(site: Site): ConnectionPath[] {
  return [...site.zosConnect.connections]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((conn) => {
      const service =
        site.tcpipServices.find((s) => s.port === conn.port && s.open) ??
        site.tcpipServices.find((s) => s.port === conn.port);
      const ipconn = service
        ? site.ipconns.find(
            (i) => i.applid === conn.applid && i.networkid === conn.networkid && i.tcpipservice === service.name,
          )
        : undefined;
      const mirror = conn.transidUsage === 'EIB_AND_MIRROR' && conn.transid ? conn.transid : 'CSMI';
      return {
        conn,
        ...(service ? { service } : {}),
        ...(ipconn ? { ipconn } : {}),
        ...optional(
          'repertoire',
          site.zosConnect.ssl.find((s) => s.id === conn.sslCertsRef),
        ),
        ...optional(
          'authData',
          site.zosConnect.authData.find((a) => a.id === conn.authDataRef),
        ),
        mirror,
        ...optional(
          'mirrorTransaction',
          site.transactions.find((t) => t.transid === mirror),
        ),
      };
    });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function isCopyOfCsmi(transaction: Transaction | undefined): boolean {
  return transaction !== undefined && transaction.program === 'DFHMIRS' && transaction.profile === 'DFHCICSA';
}
