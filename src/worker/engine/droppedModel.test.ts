import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDroppedModel } from './droppedModel';

const folder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/models/mobilenet_v1_0.25_224',
);
const folderFiles = () => readdirSync(folder).map((name) => new File([readFileSync(path.join(folder, name))], name));

describe('checkDroppedModel', () => {
  it('accepts the MobileNet v1 0.25 folder and recognises it', async () => {
    const checked = await checkDroppedModel(folderFiles());
    expect(checked.jsonFile.name).toBe('model.json');
    expect(checked.weightFiles).toHaveLength(55);
    expect(checked.weightFiles[0].name).toBe('group1-shard1of1');
    expect(checked.match.spec.id).toBe('mobilenet_v1_0.25');
  });

  it('names a missing weights file', async () => {
    const files = folderFiles().filter((f) => f.name !== 'group7-shard1of1');
    await expect(checkDroppedModel(files)).rejects.toMatchObject({
      name: 'BackboneError',
      file: 'group7-shard1of1',
      message: expect.stringMatching(
        /"group7-shard1of1" is missing: model\.json lists 55 weight file\(s\) and 54 of them were dropped/,
      ),
    });
  });

  it('names a weights file of the wrong size', async () => {
    const files = folderFiles().map((f) =>
      f.name === 'group2-shard1of1' ? new File([new Uint8Array(10)], f.name) : f,
    );
    await expect(checkDroppedModel(files)).rejects.toMatchObject({
      file: 'group2-shard1of1',
      message: expect.stringMatching(/holds 10 bytes but model\.json needs/),
    });
  });

  it('says when model.json is not JSON, is a graph model, or is absent', async () => {
    await expect(checkDroppedModel([new File(['<html>'], 'model.json')])).rejects.toThrow(/model\.json is not JSON/);
    const graph = JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] });
    await expect(checkDroppedModel([new File([graph], 'model.json')])).rejects.toThrow(/got a graph model/);
    await expect(checkDroppedModel([new File(['x'], 'weights.bin')])).rejects.toThrow(
      /no model\.json among the 1 dropped file/,
    );
  });
});
