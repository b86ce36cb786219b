"""The backbone of a Transfer Studio experiment as a PyTorch module (written by `transfer-studio export-pytorch`).

backbone.json lists the layers in the order they run (converted from the TF.js model by the studio's core,
src/core/export/torchBackbone.ts); backbone.bin holds their weights, float32 little-endian, already in PyTorch's
layout. Inputs are NCHW floats, preprocessed as data.py does. 'same' padding is TensorFlow's (the extra row and
column go at the bottom and right), so the converted network computes what the TF.js one does.
"""
import json
import math
import os

import torch
from torch import nn
import torch.nn.functional as F


class SamePad(nn.Module):
    """TensorFlow's 'same' padding for a kernel and stride, computed from the input's size at run time."""

    def __init__(self, kernel, stride):
        super().__init__()
        self.kernel = kernel
        self.stride = stride

    def forward(self, x):
        pads = []
        for size, k, s in ((x.shape[3], self.kernel[1], self.stride[1]), (x.shape[2], self.kernel[0], self.stride[0])):
            total = max((math.ceil(size / s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        if not any(pads):
            return x
        return F.pad(x, pads)


class Activation(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, x):
        if self.kind == "relu":
            return F.relu(x)
        if self.kind == "relu6":
            return F.relu6(x)
        return x


class Conv(nn.Module):
    """Conv2D or DepthwiseConv2D (groups = channels) with TF padding and a fused activation."""

    def __init__(self, spec):
        super().__init__()
        self.pad = SamePad(spec["kernel"], spec["stride"]) if spec["padding"] == "same" else None
        self.conv = nn.Conv2d(
            spec["inChannels"],
            spec["outChannels"],
            tuple(spec["kernel"]),
            stride=tuple(spec["stride"]),
            groups=spec["groups"],
            bias="bias" in spec["weights"],
        )
        self.fans = spec["fans"]
        self.activation = Activation(spec["activation"])

    def forward(self, x):
        if self.pad is not None:
            x = self.pad(x)
        return self.activation(self.conv(x))

    def reset_parameters(self, generator):
        """Keras's defaults: Glorot-uniform kernel over the TF kernel's fans, zero bias."""
        limit = math.sqrt(6.0 / (self.fans[0] + self.fans[1]))
        with torch.no_grad():
            self.conv.weight.uniform_(-limit, limit, generator=generator)
            if self.conv.bias is not None:
                self.conv.bias.zero_()


class MaxPool(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.same = spec["padding"] == "same"
        self.pool = nn.MaxPool2d(tuple(spec["kernel"]), stride=tuple(spec["stride"]))

    def forward(self, x):
        if self.same:
            # Padding never wins a max: pad with -inf, as TensorFlow ignores the padded cells.
            x = F.pad(x, self._pads(x), value=float("-inf"))
        return self.pool(x)

    def _pads(self, x):
        pads = []
        for size, k, s in ((x.shape[3], self.pool.kernel_size[1], self.pool.stride[1]),
                           (x.shape[2], self.pool.kernel_size[0], self.pool.stride[0])):
            total = max((math.ceil(size / s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return pads


def build_layer(spec):
    kind = spec["type"]
    if kind == "conv2d":
        return Conv(spec)
    if kind == "batchnorm":
        return nn.BatchNorm2d(spec["channels"], eps=spec["epsilon"], momentum=spec["momentum"])
    if kind == "activation":
        return Activation(spec["activation"])
    if kind == "maxpool":
        return MaxPool(spec)
    if kind == "zeropad":
        return nn.ZeroPad2d((spec["left"], spec["right"], spec["top"], spec["bottom"]))
    raise ValueError(f"unknown layer type {kind!r} in backbone.json")


class Backbone(nn.Module):
    """The cut backbone: `layers[i]` is backbone.json's layer i; `block_ends[b]` the last layer of block b."""

    def __init__(self, description):
        super().__init__()
        self.description = description
        self.layers = nn.ModuleList([build_layer(spec) for spec in description["layers"]])
        self.block_ends = list(description["blockEnds"])

    def forward(self, x, start=0, end=None):
        """Runs layers start..end-1 (all by default) on NCHW input."""
        for layer in self.layers[start:end]:
            x = layer(x)
        return x

    def boundary(self, depth):
        """First layer of the top `depth` blocks (0: after the last block, i.e. nothing trainable)."""
        if depth == 0:
            return len(self.layers)
        return self.block_ends[len(self.block_ends) - depth - 1] + 1 if depth < len(self.block_ends) else 0

    def reset_parameters(self, seed):
        """Re-initialises every weight as Keras would build the layer (for the "scratch" strategy)."""
        generator = torch.Generator().manual_seed(seed)
        for layer in self.layers:
            if isinstance(layer, Conv):
                layer.reset_parameters(generator)
            elif isinstance(layer, nn.BatchNorm2d):
                layer.reset_parameters()


def load_backbone(folder):
    """backbone.json + backbone.bin in `folder` → a Backbone with the converted weights."""
    with open(os.path.join(folder, "backbone.json"), encoding="utf-8") as f:
        description = json.load(f)
    with open(os.path.join(folder, "backbone.bin"), "rb") as f:
        floats = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
    if floats.numel() != description["weightCount"]:
        raise ValueError(f"backbone.bin holds {floats.numel()} floats, backbone.json expects {description['weightCount']}")
    model = Backbone(description)

    def take(ref):
        count = math.prod(ref["shape"])
        return floats[ref["offset"]:ref["offset"] + count].reshape(ref["shape"]).clone()

    with torch.no_grad():
        for layer, spec in zip(model.layers, description["layers"]):
            weights = spec.get("weights")
            if spec["type"] == "conv2d":
                layer.conv.weight.copy_(take(weights["weight"]))
                if "bias" in weights:
                    layer.conv.bias.copy_(take(weights["bias"]))
            elif spec["type"] == "batchnorm":
                layer.weight.copy_(take(weights["weight"]))
                layer.bias.copy_(take(weights["bias"]))
                layer.running_mean.copy_(take(weights["runningMean"]))
                layer.running_var.copy_(take(weights["runningVar"]))
    return model
