/** The predict feature's public surface for other features: confidence bars and the live-prediction loop. */
export { ConfidenceBars } from './ConfidenceBars';
export { median, useLivePredictions, type LiveState } from './useLivePredictions';
export type { Prediction } from './actions';
