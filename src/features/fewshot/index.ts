/** The instant (few-shot) classifier feature: its panel, and the method colours other few-shot charts reuse. */
export { FewShotPanel } from './FewShotPanel';
export { METHOD_COLORS } from './HeldOutChart';
