export { SweepsPanel } from './SweepsPanel';
