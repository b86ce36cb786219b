/** The instant (few-shot) classifier feature: its panel, the method colours other few-shot charts reuse, and the
 * first screen's "Start with your webcam". */
export { FewShotPanel } from './FewShotPanel';
export { METHOD_COLORS } from './HeldOutChart';
export { requestWebcamStart } from './webcamStart';
