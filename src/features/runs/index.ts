/** The runs feature's public surface for other features: the time a running experiment has left. */
export { TimeLeft } from './TimeLeft';
