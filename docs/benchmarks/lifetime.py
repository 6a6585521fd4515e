"""Does keeping a residual unit's intermediates alive until the unit ends slow PyTorch's evaluation down?

This code's StagedForward frees a stage's intermediates when the stage ends; PyTorch frees each one with its last
reference. Run from a folder holding a copy of the bench reference script as ref.py
(app/src/main/resources/dev/cosinerepro/app/bench/reference.py), with the launcher's GLIBC_TUNABLES, under Debian's
python3 (docs/benchmarks.md, "Memory format").
"""
import sys, statistics, torch, torch.nn.functional as F
sys.argv=['x']
import ref
torch.set_num_threads(2)
def held_forward(self, x):
    # every intermediate named: all live until the unit returns (this code's StagedForward stage)
    a = self.conv1(x); b = self.bn1(a); c = F.relu(b); d = self.conv2(c); e = self.bn2(d)
    s = self.shortcut(x); f = e + s; g = F.relu(f)
    return g
plain_forward = ref.BasicBlock.forward
def run(held, batch=500, steps=6):
    ref.BasicBlock.forward = held_forward if held else plain_forward
    torch.manual_seed(0)
    m = ref.network("resnet20", 3, 100).to(memory_format=torch.channels_last)
    g = torch.Generator().manual_seed(1)
    bs=[(torch.randn(batch,3,32,32,generator=g).contiguous(memory_format=torch.channels_last), torch.randint(0,100,(batch,),generator=g)) for _ in range(4)]
    order=[bs[i%4] for i in range(1+steps)]
    s=ref.time_evaluation(m,1,order)
    return batch/statistics.median(s)
for r in range(3):
    print("plain %.1f held %.1f" % (run(False), run(True)), flush=True)
