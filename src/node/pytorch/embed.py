"""Embeddings of the project's images through the converted backbone, for checking the conversion.

    python3 embed.py --rows 0,1,2 --out embeddings.bin

writes float32 little-endian features [rows, h, w, c] (NHWC, the TF.js layout, so they compare element by element
with the studio's) and prints their shape as JSON. Inference mode: BatchNorm uses its moving statistics.
"""
import argparse
import json
import os

import torch

from backbone import load_backbone
from data import load_inputs, load_project


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", help="comma-separated rows of pixels.u8 (default: all)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    folder = os.path.dirname(os.path.abspath(__file__))
    project = load_project(folder)
    inputs = load_inputs(folder, project)
    if args.rows:
        inputs = inputs[[int(r) for r in args.rows.split(",")]]
    backbone = load_backbone(folder).eval()
    with torch.no_grad():
        features = backbone(inputs).permute(0, 2, 3, 1).contiguous()
    with open(args.out, "wb") as f:
        f.write(features.numpy().astype("<f4").tobytes())
    print(json.dumps({"shape": list(features.shape)}))


if __name__ == "__main__":
    main()
