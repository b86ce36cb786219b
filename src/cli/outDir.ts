/** The output folder of a command: made before the work, refused when it lies inside the data it reads. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError, messageOf } from './errors';
import type { DataSource } from './runOptions';

/** The folders a run reads images from (none for a preset). */
export function datasetDirs(data: DataSource): string[] {
  return data.kind === 'folder' ? [data.dir, ...(data.sourceDir ? [data.sourceDir] : [])] : [];
}

/** Makes `dir` (absolute); a UserError when it lies inside one of `readDirs` (zips are files: skipped). */
export async function prepareOutDir(dir: string, readDirs: readonly (string | undefined)[] = []): Promise<void> {
  // Checked before anything is created: an output folder inside the dataset would be read back as a class folder
  // (issue 13, item 12), and a refused run must not leave an empty output folder behind. The dataset folder itself
  // is allowed: results.json and curves.csv beside the class folders are not images, and listing skips them.
  for (const datasetDir of readDirs) {
    if (datasetDir === undefined || /\.zip$/i.test(datasetDir)) continue;
    const inside = path.relative(path.resolve(datasetDir), dir);
    if (inside !== '' && inside !== '..' && !inside.startsWith(`..${path.sep}`) && !path.isAbsolute(inside)) {
      throw new UserError(
        `--out ${dir} is inside the dataset folder ${path.resolve(datasetDir)}: the results would be read as a ` +
          'class folder next time; choose an output folder outside the dataset',
      );
    }
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create the output folder ${dir}: ${messageOf(error)}`);
  }
}
