/** The runs feature's public surface for other features: the time a running experiment has left. */
export { formatDuration, TimeLeft } from './TimeLeft';
