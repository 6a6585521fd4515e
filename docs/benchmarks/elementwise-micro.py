"""The element-wise operators alone in PyTorch, as docs/benchmarks/ElementwiseMicro.java under DJL (docs/benchmarks.md,
"Memory format"). Run with Debian's python3 and the launcher's GLIBC_TUNABLES."""
import torch, time
torch.set_num_threads(2)
x=torch.randn(500,16,32,32); y=torch.randn(500,16,32,32)
cl=x.contiguous(memory_format=torch.channels_last); ycl=y.contiguous(memory_format=torch.channels_last)
ops={"relu-cont":lambda: torch.relu(x),"relu-cl":lambda: torch.relu(cl),"add-cont":lambda: x+y,"add-cl":lambda: cl+ycl}
for r in range(3):
    for n,f in ops.items():
        best=1e9
        for i in range(20):
            t=time.perf_counter(); o=f(); d=time.perf_counter()-t; del o; best=min(best,d)
        print("python %s best %.2f ms"%(n,best*1e3))
