import type { TFunction } from 'i18next';

/** An attribute of the core table (English name) in the user's language; an unknown one keeps its name. */
export function attributeName(t: TFunction, name: string): string {
  return t(`fewshotLab.zeroshot.attributes.${name}`, { defaultValue: name });
}
