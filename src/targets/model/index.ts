/** IPIC_TARGET=model (the default): the embedded reference model. */
export { default, createModelTarget } from './model-target';
