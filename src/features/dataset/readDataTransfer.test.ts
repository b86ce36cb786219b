/** DataTransfer and FileSystemEntry faked with the same shapes as the browser's (Node has File but not these). */
import { describe, expect, it } from 'vitest';
import { readDataTransfer, readFileList } from './readDataTransfer';
import type { ImportProblem } from '../../core/data/importPlan';

type FakeEntry = {
  name: string;
  fullPath: string;
  isFile: boolean;
  isDirectory: boolean;
  file?: (ok: (f: File) => void, fail: (e: Error) => void) => void;
  createReader?: () => { readEntries: (ok: (batch: FakeEntry[]) => void, fail: (e: Error) => void) => void };
};

function fileEntry(fullPath: string, broken = false): FakeEntry {
  const name = fullPath.split('/').pop()!;
  return {
    name,
    fullPath,
    isFile: true,
    isDirectory: false,
    file: (ok, fail) =>
      broken ? fail(new Error('NotReadableError')) : setTimeout(() => ok(new File([fullPath], name)), 0),
  };
}

/** A directory whose reader hands out children in batches of `batch` (Chrome: 100). */
function dirEntry(fullPath: string, children: FakeEntry[], batch = 100): FakeEntry {
  return {
    name: fullPath.split('/').pop()!,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) =>
          setTimeout(() => {
            ok(children.slice(at, at + batch));
            at += batch;
          }, 0),
      };
    },
  };
}

function dataTransfer(entries: (FakeEntry | File)[], files: File[] = []): DataTransfer {
  type FakeItem = { kind: string; webkitGetAsEntry: () => FakeEntry | null; getAsFile: () => File | null };
  const items = entries.map((e): FakeItem =>
    e instanceof File
      ? { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => e }
      : { kind: 'file', webkitGetAsEntry: () => e, getAsFile: () => null },
  );
  items.push({ kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null });
  return { items, files } as unknown as DataTransfer;
}

describe('readDataTransfer', () => {
  it('walks folders recursively, reading every batch of readEntries', async () => {
    const cats = Array.from({ length: 250 }, (_, i) => fileEntry(`/pets/cats/${i}.jpg`));
    const root = dirEntry('/pets', [
      dirEntry('/pets/cats', cats, 100),
      dirEntry('/pets/dogs', [fileEntry('/pets/dogs/a.png')]),
      dirEntry('/pets/empty', []),
    ]);
    const folders: string[] = [];
    const dropped = await readDataTransfer(dataTransfer([root, new File(['x'], 'loose.jpg')]), {
      onFolder: (f) => folders.push(f),
    });
    expect(dropped).toHaveLength(252);
    expect(dropped[0].path).toBe('loose.jpg');
    expect(dropped[1].path).toBe('pets/cats/0.jpg');
    expect(dropped[250].path).toBe('pets/cats/249.jpg');
    expect(dropped[251]).toMatchObject({ path: 'pets/dogs/a.png' });
    expect(await dropped[251].file.text()).toBe('/pets/dogs/a.png');
    expect(folders).toEqual(['pets/', 'pets/cats/', 'pets/dogs/', 'pets/empty/']);
  });

  it('reports unreadable files and keeps the rest', async () => {
    const problems: ImportProblem[] = [];
    const dropped = await readDataTransfer(
      dataTransfer([dirEntry('/d', [fileEntry('/d/ok.jpg'), fileEntry('/d/locked.jpg', true)])]),
      {
        onProblem: (p) => problems.push(p),
      },
    );
    expect(dropped.map((d) => d.path)).toEqual(['d/ok.jpg']);
    expect(problems).toEqual([{ file: 'd/locked.jpg', reason: { code: 'readFailed', detail: 'NotReadableError' } }]);
  });

  it('falls back to plain files when there are no entries', async () => {
    const files = [new File(['a'], 'a.jpg'), new File(['b'], 'b.png')];
    const dropped = await readDataTransfer({ items: [], files } as unknown as DataTransfer);
    expect(dropped.map((d) => d.path)).toEqual(['a.jpg', 'b.png']);
    expect(readFileList(files).map((d) => d.file)).toEqual(files);
  });
});
