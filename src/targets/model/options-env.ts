/** Reads IPIC_MODEL_OPTIONS ("name=value,name=value") into model options, naming any bad entry. */
import { DEFAULT_OPTIONS, isOptionName, OPTION_VALUES, type ModelOptions } from '../../model';
import { HarnessInputError } from '../../../support/errors';

export function parseModelOptions(text: string | undefined): ModelOptions {
  const options: Record<string, string> = { ...DEFAULT_OPTIONS };
  for (const entry of (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [name, value] = entry.split('=').map((p) => p.trim());
    if (!name || !isOptionName(name)) {
      throw new HarnessInputError(
        'IPIC_MODEL_OPTIONS',
        name ?? entry,
        `an option name, one of ${Object.keys(OPTION_VALUES).join(', ')}`,
      );
    }
    if (!value || !OPTION_VALUES[name].includes(value)) {
      throw new HarnessInputError('IPIC_MODEL_OPTIONS', name, `one of ${OPTION_VALUES[name].join(', ')}`);
    }
    options[name] = value;
  }
  return options as unknown as ModelOptions;
}
