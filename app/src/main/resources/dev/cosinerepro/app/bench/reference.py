#!/usr/bin/env python3
"""The PyTorch side of `repro bench --reference`: the same work as the Java benchmark, timed the same way.

One invocation measures one item and prints one JSON object on its last line of stdout:
  training step: forward in training mode, softmax cross-entropy, backward, weight decay on convolution and
                 dense kernels, global-norm clipping to 10, SGD with momentum 0.9 (what `repro` does per step);
  evaluation:    forward in inference mode (`model.eval()` and `torch.inference_mode()`), the loss and the
                 arg-max, as `repro` evaluates a test split.
Networks: the paper's CIFAR ResNets (stem conv-BN-ReLU, basic blocks, parameter-free shortcuts: 2x2 average
pool (ceil mode) and zero channel padding, global average pool, dense), BatchNorm momentum 0.01 / eps 1e-3
(Keras 0.99 / 1e-3 as the Java model); `resnet50` is torchvision's. Inputs are random normal, labels random.
The JSON also gives the process's peak resident memory (to compare with `repro bench --items memory`).
With --profile FILE, as many steps again run under PyTorch's legacy autograd profiler (the one libtorch's C++
API offers, which `repro bench --profile` uses on the Java side) and its Chrome trace is written to FILE.
The thread count is set explicitly (`torch.set_num_threads`): PyTorch would otherwise pick its own.

Usage: python3 reference.py --item train|eval --arch resnet20 --size 32 --channels 3 --classes 100 \
           --batch 100 --steps 10 --warmup 2 --threads 2 [--profile trace.json]
"""
import argparse
import json
import re
import resource
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("python3 cannot import torch: install Debian's python3-torch (apt-get install python3-torch) or "
          "pass --python with an interpreter that has PyTorch.", file=sys.stderr)
    sys.exit(2)

CIFAR = re.compile(r"^resnet(\d+)(-wide)?$")


class ChannelPadding(nn.Module):
    def __init__(self, before, after):
        super().__init__()
        self.before, self.after = before, after

    def forward(self, x):
        return F.pad(x, (0, 0, 0, 0, self.before, self.after))


def batch_norm(channels):
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class BasicBlock(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = batch_norm(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = batch_norm(outputs)
        shortcut = []
        if stride > 1:
            shortcut.append(nn.AvgPool2d(stride, stride, ceil_mode=True))
        extra = outputs - inputs
        if extra > 0:
            shortcut.append(ChannelPadding(extra // 2, extra - extra // 2))
        self.shortcut = nn.Sequential(*shortcut)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


def cifar_resnet(depth, width, channels, classes):
    if (depth - 2) % 6 != 0:
        raise SystemExit(f"resnet{depth} is not a CIFAR ResNet depth (6n + 2).")
    blocks = (depth - 2) // 6
    layers = [nn.Conv2d(channels, width, 3, 1, 1, bias=False), batch_norm(width), nn.ReLU()]
    inputs = width
    for stage in range(3):
        outputs = width << stage
        for block in range(blocks):
            layers.append(BasicBlock(inputs, outputs, 2 if stage > 0 and block == 0 else 1))
            inputs = outputs
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(inputs, classes)]
    return nn.Sequential(*layers)


def network(arch, channels, classes):
    match = CIFAR.match(arch)
    if match:
        return cifar_resnet(int(match.group(1)), 32 if match.group(2) else 16, channels, classes)
    if arch == "resnet50":
        try:
            import torchvision
        except ImportError:
            raise SystemExit("resnet50 needs torchvision: apt-get install python3-torchvision.")
        model = torchvision.models.resnet50(num_classes=classes)
        if channels != 3:
            model.conv1 = nn.Conv2d(channels, 64, 7, 2, 3, bias=False)
        return model
    raise SystemExit(f"Unknown network {arch}: use resnet50 or resnet<6n+2>[-wide].")


def optimizer(model, weight_decay):
    kernels = [p for n, p in model.named_parameters() if p.dim() > 1]
    others = [p for n, p in model.named_parameters() if p.dim() <= 1]
    return torch.optim.SGD([{"params": kernels, "weight_decay": weight_decay},
                            {"params": others, "weight_decay": 0.0}], lr=0.01, momentum=0.9)


def time_training(model, warmup, batches, sgd):
    model.train()
    seconds = []
    for index, (x, y) in enumerate(batches):
        start = time.perf_counter()
        sgd.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        sgd.step()
        loss.item()
        if index >= warmup:
            seconds.append(time.perf_counter() - start)
    return seconds


def time_evaluation(model, warmup, batches, sgd=None):
    model.eval()
    seconds = []
    with torch.inference_mode():
        for index, (x, y) in enumerate(batches):
            start = time.perf_counter()
            logits = model(x)
            F.cross_entropy(logits, y).item()
            (logits.argmax(1) == y).sum().item()
            if index >= warmup:
                seconds.append(time.perf_counter() - start)
    return seconds


def peak_rss_mib():
    """This process's peak resident memory: VmHWM, which starts afresh at exec (ru_maxrss would
    carry over the larger peak of the JVM that started this process)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--item", choices=["train", "eval"], required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--classes", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--memory-format", choices=["contiguous", "channels-last"], default="contiguous",
                        help="channels-last: the model and every batch in torch.channels_last, as PyTorch's"
                             " memory-format guide does it")
    parser.add_argument("--profile", help="write a Chrome trace of --steps more steps to this file")
    args = parser.parse_args()
    if min(args.size, args.classes, args.batch, args.steps, args.threads) < 1 or args.warmup < 0:
        raise SystemExit("--size, --classes, --batch, --steps and --threads must be at least 1, --warmup at least 0.")
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = network(args.arch, args.channels, args.classes)
    generator = torch.Generator().manual_seed(1)
    batches = [(torch.randn(args.batch, args.channels, args.size, args.size, generator=generator),
                torch.randint(0, args.classes, (args.batch,), generator=generator))
               for _ in range(min(args.warmup + args.steps, 4))]
    if args.memory_format == "channels-last":
        model = model.to(memory_format=torch.channels_last)
        batches = [(x.contiguous(memory_format=torch.channels_last), y) for x, y in batches]
    order = [batches[i % len(batches)] for i in range(args.warmup + args.steps)]
    timed = time_training if args.item == "train" else time_evaluation
    sgd = optimizer(model, 4e-4) if args.item == "train" else None
    seconds = timed(model, args.warmup, order, sgd)
    median = statistics.median(seconds)
    profiled = {}
    if args.profile:
        with torch.autograd.profiler.profile(use_kineto=False) as profiler:
            profiled_seconds = timed(model, 0, order[args.warmup:], sgd)
        profiler.export_chrome_trace(args.profile)
        profiled = {"profileSteps": len(profiled_seconds), "profileSeconds": sum(profiled_seconds)}
    print(json.dumps({
        "engine": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "memoryFormat": args.memory_format,
        "interopThreads": torch.get_num_interop_threads(),
        "medianSeconds": median,
        "minSeconds": min(seconds),
        "maxSeconds": max(seconds),
        "steps": len(seconds),
        "imagesPerSecond": args.batch / median,
        "peakRssMiB": peak_rss_mib(),
        **profiled,
    }))


if __name__ == "__main__":
    main()
