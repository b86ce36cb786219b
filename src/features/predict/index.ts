/** The predict feature's public surface for other features: camera alert, confidence bars, live-prediction loop. */
export { CameraErrorAlert } from './CameraErrorAlert';
export { ConfidenceBars } from './ConfidenceBars';
export { median, useLivePredictions, type LiveState } from './useLivePredictions';
export type { Prediction } from './actions';
