/**
 * Distinguished names as the definitions write them. RACF shows certificate names, and takes RACDCERT
 * MAP filters, with a period between the relative names ("CN=zcon.example.com.O=Example Bank.C=GB");
 * RACMAP and Liberty use commas (RFC 2253). The reference model compares comma-separated names, so every
 * name is brought to that form. A period splits two relative names only where the text after it starts
 * a known attribute type and '=': periods inside values, as in host names, stay.
 */
const ATTRIBUTE_TYPES = [
  'CN',
  'OU',
  'O',
  'L',
  'SP',
  'ST',
  'C',
  'T',
  'E',
  'EMAIL',
  'DC',
  'STREET',
  'POSTALCODE',
  'UID',
  'MAIL',
  'SERIALNUMBER',
  'SN',
  'GIVENNAME',
];
const RACF_SEPARATOR = new RegExp(`\\.(?=\\s*(?:${ATTRIBUTE_TYPES.join('|')})\\s*=)`, 'gi');

export function toCommaDn(dn: string): string {
  const trimmed = dn.trim();
  if (trimmed === '*' || trimmed.includes(',')) return trimmed;
  return trimmed.replace(RACF_SEPARATOR, ',');
}

/** Whether the text reads as a distinguished name: TYPE=value, separated by commas or RACF periods. */
export function looksLikeDn(dn: string): boolean {
  return toCommaDn(dn)
    .split(',')
    .every((part) => /^\s*[A-Za-z][A-Za-z0-9.]*\s*=/.test(part));
}
