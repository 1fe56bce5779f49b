/**
 * What a password phrase is made of, measured against RACF's rules for setting one (R36). Scenarios name
 * one content; every target decides with this one function whether a phrase has it, so the model makes,
 * the audit reads and the live target finds the same kind of phrase. Each content breaks exactly one rule,
 * or meets one rule exactly at its limit, and keeps every other content rule.
 */
import type { PhraseContent } from './target-port';

export interface PhraseMeasure {
  letters: number;
  nonLetters: number;
  containsUserid: boolean;
  threeInARow: boolean;
}

export function measurePhrase(phrase: string, userid: string): PhraseMeasure {
  const letters = [...phrase].filter((c) => /[A-Za-z]/.test(c)).length;
  return {
    letters,
    nonLetters: phrase.length - letters,
    containsUserid: userid.length > 0 && phrase.toUpperCase().includes(userid.toUpperCase()),
    threeInARow: /(.)\1\1/.test(phrase),
  };
}

export function phraseHasContent(content: PhraseContent, phrase: string, userid: string): boolean {
  const m = measurePhrase(phrase, userid);
  const letters = content === 'only one letter' ? 1 : content === 'exactly two letters' ? 2 : undefined;
  const nonLetters = content === 'only one non-letter' ? 1 : content === 'exactly two non-letters' ? 2 : undefined;
  return (
    (letters === undefined ? m.letters >= 2 : m.letters === letters) &&
    (nonLetters === undefined ? m.nonLetters >= 2 : m.nonLetters === nonLetters) &&
    m.containsUserid === (content === 'the user ID') &&
    m.threeInARow === (content === 'three identical characters in a row')
  );
}
