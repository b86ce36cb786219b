export { FewShotLabPanel } from './FewShotLabPanel';
