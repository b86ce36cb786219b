/** The backbone feature's public surface for other features: how backbones are named. */
export { backboneName, runBackboneName, specOf } from './backboneName';
