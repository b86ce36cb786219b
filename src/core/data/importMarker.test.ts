import { describe, expect, it } from 'vitest';
import { interruptionOf, isMarkedImage, resumeMarker, startMarker } from './importMarker';

// 4,000 files into a new dataset of two classes (3,000 + 1,000), as in the report.
const first = startMarker({
  importId: 'a',
  classIndices: [...new Array<number>(3000).fill(0), ...new Array<number>(1000).fill(1)],
  classCount: 2,
  countsBefore: [],
  createdDataset: true,
  imageIds: ['i002', 'i001', 'i003'],
  startedAt: 10,
});

describe('import marker (issue 13, item 4)', () => {
  it('counts what an interrupted import stored and names the classes it left incomplete', () => {
    expect(first).toMatchObject({ files: 4000, plannedPerClass: [3000, 1000], countsBefore: [0, 0], classesBefore: 0 });
    expect(first.firstImageId).toBe('i001');
    expect(first.lastImageId).toBe('i003');
    // Reloaded after 360 images, all of the first class: the second class is empty.
    expect(interruptionOf(first, [360, 0])).toEqual({
      files: 4000,
      imported: 360,
      incompleteClasses: [0, 1],
      startedAt: 10,
    });
    expect(interruptionOf(first, [3000, 1000]).incompleteClasses).toEqual([]);
  });

  it('counts from the images a dataset already had; untouched classes are never incomplete', () => {
    const marker = startMarker({
      importId: 'b',
      classIndices: [1, 1, 2],
      classCount: 3,
      countsBefore: [5, 7],
      createdDataset: false,
      imageIds: ['x1', 'x2', 'x3'],
      startedAt: 0,
    });
    expect(marker.classesBefore).toBe(2);
    expect(interruptionOf(marker, [5, 9, 0])).toMatchObject({ imported: 2, incompleteClasses: [2] });
  });

  it('a resumed import keeps the interrupted one’s starting point and image range', () => {
    const again = startMarker({
      importId: 'c',
      classIndices: [...new Array<number>(3000).fill(0), ...new Array<number>(1000).fill(1)],
      classCount: 2,
      countsBefore: [360, 0],
      createdDataset: false,
      imageIds: ['i100', 'i200'],
      startedAt: 50,
    });
    const resumed = resumeMarker(first, again);
    expect(resumed).toMatchObject({
      importId: 'c',
      countsBefore: [0, 0],
      classesBefore: 0,
      createdDataset: true,
      firstImageId: 'i001',
      lastImageId: 'i200',
      startedAt: 10,
    });
    expect(interruptionOf(resumed, [2000, 0]).imported).toBe(2000);
    expect(isMarkedImage(resumed, 'i150')).toBe(true);
    expect(isMarkedImage(resumed, 'i000')).toBe(false);
    expect(isMarkedImage(resumed, 'i300')).toBe(false);
  });
});
