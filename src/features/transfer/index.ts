/** The transfer feature's public surface: "How well will it transfer?" and the shift meter, shown in the Backbone step. */
export { TransferPanel } from './TransferPanel';
