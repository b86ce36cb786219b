/** The instant (few-shot) classifier feature: its panel. */
export { FewShotPanel } from './FewShotPanel';
