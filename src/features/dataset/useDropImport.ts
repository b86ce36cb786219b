/**
 * Drag-and-drop and file-picker imports. The drop handler reads the DataTransfer SYNCHRONOUSLY (readDataTransfer
 * takes every entry before its first await: the items are gone once the event returns), then hands the files,
 * the folders met and the unreadable ones to `importFiles`. Pickers go through readFileList (webkitRelativePath
 * gives a picked folder's structure).
 */
import { useCallback, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import type { ImportProblem } from '../../core/data/importPlan';
import { readDataTransfer, readFileList, type DroppedFile } from './readDataTransfer';

/** A name for a dataset made from a drop: its single root folder, or the zip's name, else `fallback`. */
export function nameFromFiles(files: readonly DroppedFile[], fallback: string): string {
  const roots = new Set(files.map((f) => f.path.replace(/\\/g, '/').split('/')[0]));
  if (roots.size === 1) {
    const [root] = roots;
    const nested = files.some((f) => f.path.includes('/'));
    if (nested) return root;
    if (files.length === 1 && /\.zip$/i.test(root)) return root.replace(/\.zip$/i, '');
  }
  return fallback;
}

export type StartImport = (files: DroppedFile[], folders: string[], readProblems: ImportProblem[]) => void;

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function useDropImport(start: StartImport, disabled: boolean) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const onDrop = useCallback(
    (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      event.stopPropagation();
      depth.current = 0;
      setDragging(false);
      if (disabled || !event.dataTransfer) return;
      const folders: string[] = [];
      const problems: ImportProblem[] = [];
      // Synchronous first part: must run inside the event.
      const reading = readDataTransfer(event.dataTransfer, {
        onFolder: (f) => folders.push(f),
        onProblem: (p) => problems.push(p),
      });
      void reading.then((files) => start(files, folders, problems));
    },
    [disabled, start],
  );

  const dropHandlers = {
    onDragEnter(event: DragEvent<HTMLElement>) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent<HTMLElement>) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    },
    onDragLeave() {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop,
  };

  /** For <input type="file"> (a folder with webkitdirectory, or files / zips). Clears the input after. */
  const onPick = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const files = input.files ? readFileList(input.files) : [];
      input.value = '';
      if (files.length > 0 && !disabled) start(files, [], []);
    },
    [disabled, start],
  );

  return { dragging, dropHandlers, onPick };
}
