/**
 * What an import says about the whole drop — warnings (the import goes ahead) and the reason it was blocked — as
 * codes with parameters, like the per-file reasons of importReasons.ts: English from one template per code
 * (`formatImportNotice`, for the command line), translated in the studio (src/features/dataset/reasonMessages.ts).
 */
import { fillTemplate, importReasonParams } from './importReasons';

interface NoticeParams {
  /** `names`: the folder names as written, quoted and comma-separated. */
  merged: { names: string; name: string };
  unicodeForms: { name: string; count: number };
  flattened: { name: string };
  emptyClass: { name: string };
  fewImagesOne: { name: string; advised: number };
  fewImages: { name: string; count: number; advised: number };
  noClass: { min: number };
  /** `names`: the classes found, quoted and comma-separated. */
  fewClasses: { count: number; names: string; min: number };
  fewClassesUnnamed: { count: number; min: number };
  zipNamesGbk: { zip: string };
  zipNamesCp437: { zip: string };
  /** `format`: "PNG", "GIF", "WEBP". */
  animated: { file: string; format: string };
  tooManyImages: { count: number; limit: number };
  tooManyImagesWith: { count: number; existing: number; limit: number };
  tooManyBytes: { bytes: number; limitBytes: number };
  tooManyBytesWith: { bytes: number; existingBytes: number; limitBytes: number };
  tooManyClasses: { count: number; limit: number };
  /** `count`: images decoded from the drop; `skipped`: those whose pixels the dataset already held. */
  alreadyStored: { skipped: number; count: number };
}

export type ImportNoticeCode = keyof NoticeParams;
export type ImportNotice = { [C in ImportNoticeCode]: { code: C } & NoticeParams[C] }[ImportNoticeCode];

const TRAINING_NEEDS = 'so far: training needs at least {{min}}; add a folder per class';

/** English, one template per code; also the studio's English texts. */
export const IMPORT_NOTICE_EN = {
  merged: 'Folders {{names}} were merged into class "{{name}}" (names are compared ignoring case and Unicode form)',
  unicodeForms:
    'Folders named "{{name}}" in {{count}} Unicode forms (composed and decomposed letters, as different systems ' +
    'write them) were merged into class "{{name}}"',
  flattened: 'Class "{{name}}" has images in subfolders: they were all put in class "{{name}}"',
  emptyClass: 'Class "{{name}}" has no images: add some before training',
  fewImagesOne: 'Class "{{name}}" has only 1 image: at least {{advised}} per class are advised',
  fewImages: 'Class "{{name}}" has only {{count}} images: at least {{advised}} per class are advised',
  noClass: `No class ${TRAINING_NEEDS}`,
  fewClasses: `Only {{count}} class ({{names}}) ${TRAINING_NEEDS}`,
  fewClassesUnnamed: `Only {{count}} class ${TRAINING_NEEDS}`,
  zipNamesGbk:
    '{{zip}}: its file names are not marked as UTF-8 and are not valid UTF-8; they were read as GBK (Chinese ' +
    'Windows): check that the class names look right',
  zipNamesCp437:
    "{{zip}}: its file names are not marked as UTF-8 and are not valid UTF-8; they were read as CP437 (the zip standard's " +
    'default): check that the class names look right',
  animated: '{{file}}: animated {{format}}: only the first frame is used',
  tooManyImages:
    '{{count}} images is over the limit of {{limit}} per dataset: import fewer images or remove some first',
  tooManyImagesWith:
    '{{count}} images (with the {{existing}} already in the dataset) is over the limit of {{limit}} per dataset: ' +
    'import fewer images or remove some first',
  tooManyBytes: '{{bytes}} of images is over the limit of {{limitBytes}} per dataset: import fewer or smaller images',
  tooManyBytesWith:
    '{{bytes}} of images (with the {{existingBytes}} already in the dataset) is over the limit of {{limitBytes}} ' +
    'per dataset: import fewer or smaller images',
  tooManyClasses: '{{count}} classes is over the limit of {{limit}}: is each folder really a class?',
  alreadyStored: '{{skipped}} of {{count}} images were already in this dataset and were skipped',
} as const satisfies Record<ImportNoticeCode, string>;

/** The strings a notice's template interpolates (sizes as "2 GB", counts as "10,000"). */
export function importNoticeParams(notice: ImportNotice): Record<string, string> {
  return importReasonParams(notice);
}

/** The notice in English, for the command line. */
export function formatImportNotice(notice: ImportNotice): string {
  return fillTemplate(IMPORT_NOTICE_EN[notice.code], importNoticeParams(notice));
}
