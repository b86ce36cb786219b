"""Runs the exported experiment on PyTorch, on one process or many (DistributedDataParallel).

    python3 train.py                                   # one process
    torchrun --redirects 2 --tee 2 --nproc_per_node=2 train.py
                                                       # two processes (gloo on CPU, NCCL on GPUs);
                                                       # Debian's torchrun 1.13 on Python 3.11 needs --redirects 2

Every trial of project.json (strategy × seed × repeat, in the studio's order, on the studio's split) trains as our
engine does (src/core/train/trainTrial.ts): epoch 0 is an evaluation before any step; Adam (ε = 1e-7, as TF.js) at
the head's learning rate and, for fine-tuned blocks, learningRate × backboneLearningRateScale (scratch trains
everything at learningRate); fine-tuned BatchNorm stays in inference mode unless trainBatchNorm; scratch's
BatchNorm statistics are re-estimated on the training inputs before each evaluation; frozen parts run once and are
cached. A global batch of batchSize is split across the processes and the gradient is the batch's mean.

Writes runs.json: raw curves, confusion matrices and wrong predictions only. Metrics and intervals are NOT
computed here: run `transfer-studio summarize DIR` to get results.json from the studio's own core.
"""
import argparse
import copy
import datetime
import json
import os
import platform
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from backbone import load_backbone
from data import load_inputs, load_labels, load_project

EVAL_BATCH = 64


class Head(nn.Module):
    """src/core/heads/denseHead.ts: pool (global average) or flatten (NHWC order) → [dense+ReLU] → dropout → logits."""

    def __init__(self, feature_shape, classes, options, seed):
        super().__init__()
        channels, height, width = feature_shape
        self.pooling = options["pooling"]
        size = channels if self.pooling == "gap" else channels * height * width
        generator = torch.Generator().manual_seed(seed)
        hidden = options.get("hiddenUnits") or 0
        self.hidden = nn.Linear(size, hidden) if hidden else None
        self.dropout = nn.Dropout(options.get("dropout") or 0.0)
        self.out = nn.Linear(hidden or size, classes)
        with torch.no_grad():
            if self.hidden is not None:
                limit = (6.0 / (size + hidden)) ** 0.5
                self.hidden.weight.uniform_(-limit, limit, generator=generator)
                self.hidden.bias.zero_()
            # Zero-initialised output layer: epoch 0 predicts uniformly, as ours.
            self.out.weight.zero_()
            self.out.bias.zero_()

    def forward(self, x):
        x = x.mean(dim=(2, 3)) if self.pooling == "gap" else x.permute(0, 2, 3, 1).flatten(1)
        if self.hidden is not None:
            x = F.relu(self.hidden(x))
        return self.out(self.dropout(x))


class Trainable(nn.Module):
    """The part that learns: the top backbone layers (possibly none) and the head."""

    def __init__(self, layers, head):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.head = head

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.head(x)


def parse_strategy(strategy):
    if strategy in ("scratch", "feature-extraction"):
        return strategy, 0
    if strategy.startswith("fine-tune:"):
        return "fine-tune", int(strategy.split(":")[1])
    raise ValueError(f"unknown strategy {strategy!r}")


def run_in_batches(layers, x, training=False):
    with torch.no_grad():
        outputs = []
        for start in range(0, x.shape[0], EVAL_BATCH):
            y = x[start:start + EVAL_BATCH]
            for layer in layers:
                layer.train(training)
                y = layer(y)
            outputs.append(y)
        return torch.cat(outputs) if outputs else x


def recalibrate_batch_norm(layers, x, batch_size):
    """Precise BN (batchNormCalibration.ts): moving statistics = the average of batch statistics over `x`."""
    norms = [m for layer in layers for m in layer.modules() if isinstance(m, nn.BatchNorm2d)]
    if not norms or x.shape[0] == 0:
        return
    momenta = [m.momentum for m in norms]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # cumulative average
    with torch.no_grad():
        for start in range(0, x.shape[0], batch_size):
            y = x[start:start + batch_size]
            for layer in layers:
                layer.train(True)
                y = layer(y)
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(x[s:s + EVAL_BATCH]) for s in range(0, x.shape[0], EVAL_BATCH)])
    loss = F.cross_entropy(logits, y, reduction="mean").item() if y.numel() else float("nan")
    predictions = logits.argmax(dim=1)
    accuracy = (predictions == y).float().mean().item() if y.numel() else 0.0
    return accuracy, loss, predictions


class Context:
    def __init__(self, folder, device):
        self.project = load_project(folder)
        self.config = self.project["config"]
        self.device = device
        self.inputs = load_inputs(folder, self.project)
        self.labels = load_labels(self.project)
        self.pretrained = load_backbone(folder)
        self.caches = {}
        self.rank = dist.get_rank() if dist.is_initialized() else 0
        self.world = dist.get_world_size() if dist.is_initialized() else 1

    def cached(self, repeat, start):
        """Inputs of layer `start` for the repeat's training and validation rows (frozen part run once), seconds."""
        key = (repeat, start)
        if key not in self.caches:
            split = self.project["repeats"][repeat]
            began = time.perf_counter()
            frozen = list(self.pretrained.layers[:start])
            train = run_in_batches(frozen, self.inputs[split["train"]])
            validation = run_in_batches(frozen, self.inputs[split["validation"]])
            seconds = time.perf_counter() - began if start > 0 else 0.0
            self.caches[key] = (train.to(self.device), validation.to(self.device), seconds)
        return self.caches[key]


def run_trial(ctx, trial, on_point):
    config = ctx.config
    kind, depth = parse_strategy(trial["strategy"])
    seed = trial["trialSeed"]
    split = ctx.project["repeats"][trial["repeat"]]
    backbone = copy.deepcopy(ctx.pretrained)
    if kind == "scratch":
        backbone.reset_parameters(seed)
        start = 0
    else:
        start = backbone.boundary(depth if kind == "fine-tune" else 0)
    train_x, val_x, cache_seconds = ctx.cached(trial["repeat"], start)
    train_y = ctx.labels[split["train"]].to(ctx.device)
    val_y = ctx.labels[split["validation"]].to(ctx.device)
    layers = list(backbone.layers[start:])
    with torch.no_grad():
        feature_shape = run_in_batches(layers, train_x[:1]).shape[1:]
    classes = len(ctx.project["dataset"]["classNames"])
    model = Trainable(layers, Head(feature_shape, classes, ctx.project["head"], seed)).to(ctx.device)
    trainer = DistributedDataParallel(model) if ctx.world > 1 else model
    backbone_lr = config["learningRate"] * (1 if kind == "scratch" else config["backboneLearningRateScale"])
    head_optimizer = torch.optim.Adam(model.head.parameters(), lr=config["learningRate"], eps=1e-7)
    backbone_params = list(model.layers.parameters())
    backbone_optimizer = torch.optim.Adam(backbone_params, lr=backbone_lr, eps=1e-7) if backbone_params else None
    backbone_training = kind == "scratch" or bool(config.get("trainBatchNorm"))
    # Dropout masks differ per process; initialisation and shuffling are the same on every process.
    torch.manual_seed(seed * 1009 + ctx.rank)
    shuffle = torch.Generator().manual_seed(seed)
    n = train_x.shape[0]
    began = time.perf_counter()
    curve = []

    def validate():
        if kind == "scratch":
            recalibrate_batch_norm(list(model.layers), train_x, config["batchSize"])
        return evaluate(model, val_x, val_y)

    def record(epoch, accuracy, loss, train_loss):
        seconds = time.perf_counter() - began + (cache_seconds if epoch >= 1 else 0)
        point = {"epoch": epoch, "valAccuracy": accuracy, "valLoss": loss, "trainLoss": train_loss,
                 "seconds": seconds, "examplesSeen": epoch * n}
        curve.append(point)
        on_point(point)

    accuracy, loss, predictions = validate()
    record(0, accuracy, loss, None)
    for epoch in range(1, config["epochs"] + 1):
        model.layers.train(backbone_training)
        model.head.train(True)
        order = torch.randperm(n, generator=shuffle)
        loss_sum = torch.zeros(1)
        for at in range(0, n, config["batchSize"]):
            batch = order[at:at + config["batchSize"]]
            local = batch[ctx.rank::ctx.world]
            weight = 1.0
            if local.numel() == 0:  # a short last batch: take part in the all-reduce with a zero contribution
                local, weight = batch[:1], 0.0
            losses = F.cross_entropy(trainer(train_x[local]), train_y[local], reduction="sum")
            # Scaled so that DDP's average over processes is the mean over the whole global batch.
            scaled = losses * weight * ctx.world / batch.numel()
            head_optimizer.zero_grad()
            if backbone_optimizer:
                backbone_optimizer.zero_grad()
            scaled.backward()
            head_optimizer.step()
            if backbone_optimizer:
                backbone_optimizer.step()
            loss_sum += losses.detach().cpu() * weight
        if ctx.world > 1:
            dist.all_reduce(loss_sum)
        accuracy, loss, predictions = validate()
        record(epoch, accuracy, loss, loss_sum.item() / n if n else None)

    predictions = predictions.cpu().tolist()
    truth = val_y.cpu().tolist()
    confusion = [[0] * classes for _ in range(classes)]
    for t, p in zip(truth, predictions):
        confusion[t][p] += 1
    examples = ctx.project["examples"]
    misclassified = [
        {"id": examples[row]["id"], "label": t, "predicted": p}
        for row, t, p in zip(split["validation"], truth, predictions) if t != p
    ]
    return {"strategy": trial["strategy"], "seed": trial["seed"], "repeat": trial["repeat"],
            "cacheSeconds": cache_seconds, "curve": curve, "confusion": confusion, "misclassified": misclassified}


def describe_machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    return ", ".join(part for part in (f"{platform.system()} {platform.machine()}", cpu) if part)


def main():
    parser = argparse.ArgumentParser(description="Run the exported Transfer Studio experiment (see the docstring).")
    parser.add_argument("--out", default="runs.json", help="where to write the raw trials (default runs.json)")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    args = parser.parse_args()
    folder = os.path.dirname(os.path.abspath(__file__))
    cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    world = int(os.environ.get("WORLD_SIZE", "1"))
    backend = None
    if world > 1:
        backend = "nccl" if cuda else "gloo"
        dist.init_process_group(backend)
    rank = dist.get_rank() if dist.is_initialized() else 0
    if cuda:
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
    device = torch.device("cuda" if cuda else "cpu")
    cores = os.cpu_count() or 1
    torch.set_num_threads(max(1, cores // world))
    ctx = Context(folder, device)
    trials = ctx.project["trials"]
    started_at = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    began = time.perf_counter()
    runs = []
    environment = {"torchVersion": torch.__version__, "device": device.type, "distributedBackend": backend,
                   "worldSize": world, "cores": cores, "machine": describe_machine()}
    out = args.out if os.path.isabs(args.out) else os.path.join(folder, args.out)
    for index, trial in enumerate(trials):
        label = f"[{index + 1}/{len(trials)}] {trial['strategy']} seed {trial['seed']} repeat {trial['repeat']}"

        def on_point(point, label=label):
            if rank == 0 and point["epoch"] == ctx.config["epochs"]:
                print(f"{label}: validation accuracy {point['valAccuracy']:.3f}", flush=True)

        runs.append(run_trial(ctx, trial, on_point))
        if rank == 0:
            document = {"format": "transfer-studio/torch-runs", "version": 1, "environment": environment,
                        "startedAt": started_at, "seconds": time.perf_counter() - began, "runs": runs}
            with open(out + ".tmp", "w", encoding="utf-8") as f:
                json.dump(document, f, allow_nan=False, default=str)
            os.replace(out + ".tmp", out)
    if rank == 0:
        print(f"wrote {out}; now run `transfer-studio summarize {folder}` for results.json", flush=True)
    if dist.is_initialized():
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
