"""A front end that dies without shutting its kernel down, as jupyter-console does when its terminal closes.

Usage: orphaning_front_end.py KERNEL_NAME PID_FILE
Starts the kernel with jupyter_client (which sets JPY_PARENT_PID to this process), runs `while (true) { }`, waits
until the cell is running, writes the kernel's pid and its connection file to PID_FILE (two lines), then sleeps
until it is killed.
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120


def main():
    name, pid_file = sys.argv[1], sys.argv[2]
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    msg_id = kc.execute("while (true) { }")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        m = kc.get_iopub_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            break
    else:
        raise TimeoutError("the cell never started")
    with open(pid_file + ".tmp", "w", encoding="utf-8") as f:
        f.write("%d\n%s\n" % (km.provisioner.process.pid, km.connection_file))
    os.replace(pid_file + ".tmp", pid_file)
    print("kernel running a cell that never ends; waiting to be killed", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
