import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a command's report as DIR/<name>.json (the record, pretty-printed) and DIR/<name>.txt (the table the
 * terminal shows), then prints the table and both paths on stdout.
 */
export async function writeReport(outDir: string, name: string, report: unknown, table: string): Promise<void> {
  const jsonPath = path.join(outDir, `${name}.json`);
  const textPath = path.join(outDir, `${name}.txt`);
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(textPath, `${table}\n`);
  process.stdout.write(`${table}\n\nwrote ${jsonPath} and ${textPath}\n`);
}
