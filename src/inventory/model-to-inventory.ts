/**
 * The inventory's words for the model's CICS definitions: an IPCONN and a transaction as the inventory
 * schema (src/inventory/schema.ts) writes them. Shared by the sandbox, which writes the inventory of the
 * regions it runs, and `npm run inventory -- init`, which writes one from a site's definitions.
 */
import type { Ipconn, Transaction } from '../model';

export function inventoryIpconn(i: Ipconn) {
  return {
    name: i.name,
    applid: i.applid,
    networkid: i.networkid,
    tcpipService: i.tcpipservice,
    inService: i.inService,
    linkauth: i.linkauth,
    securityName: i.securityname,
    userauth: i.userauth,
    idprop: i.idprop,
  };
}

export function inventoryTransaction(t: Transaction) {
  return { transid: t.transid, program: t.program, profile: t.profile, ressec: t.ressec };
}
