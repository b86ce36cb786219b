"""The experiment's data as written by `transfer-studio export-pytorch`: project.json and pixels.u8.

pixels.u8 holds every image the experiment uses, already centre-cropped (or squashed) and resized by the studio's
own core (8-bit RGB, imageSize × imageSize, NHWC, row r = project["examples"][r]). What is left here is the
arithmetic of src/core/data/preprocess.ts: grey = plain mean of R, G and B; invert = 255 − x; then x / 255 or
x / 127.5 − 1. The split is in project["repeats"] (row indices, made by the studio's core: do not re-split).
"""
import json
import os

import torch


def load_project(folder):
    with open(os.path.join(folder, "project.json"), encoding="utf-8") as f:
        project = json.load(f)
    if project.get("format") != "transfer-studio/torch-project" or project.get("version") != 1:
        raise ValueError(f"{folder}/project.json is not a transfer-studio PyTorch project")
    return project


def load_inputs(folder, project):
    """All images as the network's NCHW float32 input, row r = project["examples"][r]."""
    size = project["imageSize"]
    rows = len(project["examples"])
    with open(os.path.join(folder, "pixels.u8"), "rb") as f:
        raw = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8)
    if raw.numel() != rows * size * size * 3:
        raise ValueError(f"pixels.u8 holds {raw.numel()} bytes, expected {rows} images of {size}×{size}×3")
    x = raw.reshape(rows, size, size, 3).to(torch.float32)
    pre = project["preprocessing"]
    if pre["channels"] == 1:
        x = x.mean(dim=3, keepdim=True)
    if pre.get("invert"):
        x = 255 - x
    x = x / 255 if pre["range"] == "zero-to-one" else x / 127.5 - 1
    return x.permute(0, 3, 1, 2).contiguous()


def load_labels(project):
    return torch.tensor([example["label"] for example in project["examples"]], dtype=torch.long)
