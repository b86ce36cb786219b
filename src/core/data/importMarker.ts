/**
 * An import in progress, stored with its dataset (issue 13, item 4): written before the first image and cleared at
 * the end, so a marker found when the studio opens means the page was reloaded or closed in the middle of an
 * import. From the marker and the dataset's counts now, `interruptionOf` says how far it got and which classes it
 * left incomplete; the image-id range says which images it stored (for "remove what it imported").
 *
 * A second import into the same dataset while a marker is left (the user dropping the same folder again to finish)
 * keeps the first import's starting point (`resumeMarker`): "imported" and "incomplete" then count from where the
 * interrupted import began, and "remove" removes what both stored.
 */

export interface ImportMarker {
  importId: string;
  /** Files the import set out to decode (planned images). */
  files: number;
  /** Per class index, images this import set out to add (classes it did not touch: 0). */
  plannedPerClass: number[];
  /** Per class index, images the dataset held when the import began. */
  countsBefore: number[];
  /** Classes the dataset had before the import (the import appended the others). */
  classesBefore: number;
  /** True when the import created the dataset. */
  createdDataset: boolean;
  /** Ids of the images the import stores lie in [firstImageId, lastImageId] (ids sort by creation time). */
  firstImageId: string;
  lastImageId: string;
  /** ms since the epoch. */
  startedAt: number;
}

/** What an interrupted import left: the studio's notice says it, Run refuses the dataset until it is settled. */
export interface ImportInterruption {
  /** Files the import set out to decode. */
  files: number;
  /** Images it stored before it stopped (counted since the first of a resumed series began). */
  imported: number;
  /** Indices of classes with fewer images than the import meant to add. */
  incompleteClasses: number[];
  startedAt: number;
}

/** The marker of an import that starts now, on a dataset holding `countsBefore` per class. */
export function startMarker(init: {
  importId: string;
  classIndices: readonly number[];
  classCount: number;
  countsBefore: readonly number[];
  createdDataset: boolean;
  imageIds: readonly string[];
  startedAt: number;
}): ImportMarker {
  const plannedPerClass = new Array<number>(init.classCount).fill(0);
  for (const c of init.classIndices) plannedPerClass[c] += 1;
  const sorted = [...init.imageIds].sort();
  return {
    importId: init.importId,
    files: init.classIndices.length,
    plannedPerClass,
    countsBefore: Array.from({ length: init.classCount }, (_, i) => init.countsBefore[i] ?? 0),
    classesBefore: init.countsBefore.length,
    createdDataset: init.createdDataset,
    firstImageId: sorted[0] ?? '',
    lastImageId: sorted[sorted.length - 1] ?? '',
    startedAt: init.startedAt,
  };
}

/** The marker of `next` when it continues `previous`, an import left interrupted on the same dataset. */
export function resumeMarker(previous: ImportMarker, next: ImportMarker): ImportMarker {
  return {
    ...next,
    countsBefore: next.countsBefore.map((n, i) => Math.min(n, previous.countsBefore[i] ?? 0)),
    classesBefore: Math.min(previous.classesBefore, next.classesBefore),
    createdDataset: previous.createdDataset,
    firstImageId: previous.firstImageId < next.firstImageId ? previous.firstImageId : next.firstImageId,
    lastImageId: previous.lastImageId > next.lastImageId ? previous.lastImageId : next.lastImageId,
    startedAt: Math.min(previous.startedAt, next.startedAt),
  };
}

/** How far the marked import got, given the dataset's image counts per class now. */
export function interruptionOf(marker: ImportMarker, countsNow: readonly number[]): ImportInterruption {
  let imported = 0;
  const incompleteClasses: number[] = [];
  marker.plannedPerClass.forEach((planned, i) => {
    const added = Math.max(0, (countsNow[i] ?? 0) - (marker.countsBefore[i] ?? 0));
    imported += Math.min(added, planned);
    if (planned > 0 && added < planned) incompleteClasses.push(i);
  });
  return { files: marker.files, imported, incompleteClasses, startedAt: marker.startedAt };
}

/** True when `imageId` is one the marked import may have stored. */
export function isMarkedImage(marker: ImportMarker, imageId: string): boolean {
  return marker.firstImageId !== '' && imageId >= marker.firstImageId && imageId <= marker.lastImageId;
}
