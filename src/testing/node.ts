/**
 * The Node adapters that core (and worker) tests use to read real models and images and to pick a backend. Tests
 * outside src/node reach src/node only through src/testing, so no file under src/core imports src/node.
 */
export { activateNodeBackend } from '../node/backend';
export { nodeDecoder } from '../node/decode';
export { readFolderDataset } from '../node/folderDataset';
export { mnistDataset } from '../node/mnistDataset';
export { nodeModelHandler } from '../node/modelLoader';
