/**
 * The dataset feature's public surface for other features: the per-class split as core will make it, stored
 * images' thumbnails, and reading a drop or a file picker's files.
 */
export { validationCount } from './splitCounts';
export { useThumbnailUrl } from './thumbnailCache';
export { readDataTransfer, readFileList, type DroppedFile } from './readDataTransfer';
