/**
 * Parameter types shared by all steps, so that features read as a CICS security administrator writes:
 * user IDs in capitals, the region's special users by role.
 */
import { defineParameterType } from '@cucumber/cucumber';
import {
  DEFAULT_USER,
  REGION_USER,
  type CertificateState,
  type PhraseContent,
  type SecretRequirement,
} from '../support/target-port';

defineParameterType({
  name: 'user',
  regexp: /[A-Z][A-Z0-9@#$]{0,7}|the default user|the region user/,
  transformer: (text: string) =>
    text === 'the default user' ? DEFAULT_USER : text === 'the region user' ? REGION_USER : text,
});

const CERTIFICATE_STATES: Record<string, CertificateState> = {
  valid: 'valid',
  expired: 'expired',
  'not yet valid': 'not yet valid',
  'self-signed': 'self-signed',
  'untrusted-CA': 'issued by an untrusted CA',
  'server-only': 'without client-auth key usage',
};

defineParameterType({
  name: 'certificate',
  regexp: /valid|expired|not yet valid|self-signed|untrusted-CA|server-only/,
  transformer: (text: string) => CERTIFICATE_STATES[text],
});

defineParameterType({ name: 'transid', regexp: /[A-Z0-9]{4}/, transformer: (t: string) => t });

/** Secrets are described, never written: the target makes the values (and keeps them out of reports). */
const SECRETS: Record<string, SecretRequirement> = {
  'the correct password': { kind: 'password', correct: true },
  'the correct password in lower case': { kind: 'password', correct: true, variant: 'lowercased' },
  'a wrong password': { kind: 'password', correct: false },
  'the correct password phrase': { kind: 'phrase', correct: true },
  'the correct password phrase and one character more': {
    kind: 'phrase',
    correct: true,
    variant: 'with a character appended',
  },
  'the correct password phrase in another case': { kind: 'phrase', correct: true, variant: 'in another case' },
  'a wrong password phrase': { kind: 'phrase', correct: false },
  'no password': { kind: 'none' },
};

defineParameterType({
  name: 'secret',
  regexp: new RegExp(
    Object.keys(SECRETS)
      .sort((a, b) => b.length - a.length)
      .join('|'),
  ),
  transformer: (text: string) => SECRETS[text],
});

/** What a password phrase is made of, against RACF's content rules for phrases (R36). */
const PHRASE_CONTENTS: PhraseContent[] = [
  'only one letter',
  'exactly two letters',
  'only one non-letter',
  'exactly two non-letters',
  'the user ID',
  'three identical characters in a row',
];

defineParameterType({
  name: 'phraseContent',
  regexp: new RegExp(PHRASE_CONTENTS.join('|')),
  transformer: (text: string) => text as PhraseContent,
});
