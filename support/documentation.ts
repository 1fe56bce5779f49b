/**
 * Where each feature sits in the documentation: the Allure epic (the section of IBM's page
 * "Configuring security for an IPIC connection" it restates) and the page itself.
 */
export const IBM_PAGE = {
  title: 'z/OS Connect: Configuring security for an IPIC connection',
  url: 'https://www.ibm.com/docs/en/zos-connect/zosconnect/3.0?topic=provider-configuring-security-ipic-connection',
};

export const RULE_CATALOG = '../shared/docs/rule-catalog.md';

/** Feature tag @area:<name> to Allure epic. */
export const AREAS: Record<string, string> = {
  configuration: 'Site configuration',
  bind: 'Bind security',
  link: 'Link security',
  user: 'User security',
  credentials: 'User security',
  identity: 'User security',
  authorization: 'Link security',
  zosconnect: 'z/OS Connect configuration',
};

export const SEVERITIES = ['blocker', 'critical', 'normal', 'minor', 'trivial'] as const;
