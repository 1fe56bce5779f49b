/** The test PKI: node-forge builds certificates, node's crypto generates keys and signs. */
export {
  TestPki,
  TRUSTED_CA_DN,
  OTHER_CA_DN,
  DEFAULT_PKI_CACHE,
  writeFileUnder,
  writeSecretFile,
  type ClientCertificateCase,
} from './test-pki';
export {
  issueCertificate,
  parseDn,
  type CertificateSpec,
  type IssuedCertificate,
  type ExtendedKeyUsage,
} from './certificates';
export { generateRsaKeyPair, signWithNodeCrypto, forgeUsesNativeKeyGeneration } from './forge-native';
