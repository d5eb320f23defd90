"""Cells that end the kernel's process, driven with jupyter_client: what the front end hears, and whether it can restart.

Usage: fatal_cells.py KERNEL_NAME REPORT.json
For each cell: execute it, collect IOPub until the kernel is dead (KernelManager.is_alive() false), restart it
(restart_kernel(now=True), as a front end's "Restart" does after a death), and run `1 + 1` in the new process.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 60
CELLS = {
    "exit": "Environment.Exit(3);",
    "thread": 'new System.Threading.Thread(() => throw new InvalidOperationException("late")).Start();\nSystem.Threading.Thread.Sleep(5000);',
}


def summary(msgs):
    out = []
    for m in msgs:
        c = m["content"]
        entry = {"type": m["msg_type"]}
        if m["msg_type"] == "stream":
            entry.update(name=c["name"], text=c["text"])
        elif m["msg_type"] == "error":
            entry.update(ename=c["ename"], evalue=c["evalue"])
        elif m["msg_type"] == "execute_result":
            entry.update(text=c["data"].get("text/plain"))
        elif m["msg_type"] == "status":
            entry.update(state=c["execution_state"])
        out.append(entry)
    return out


def main():
    name, report_path = sys.argv[1], sys.argv[2]
    report = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    for key, code in CELLS.items():
        msg_id = kc.execute(code)
        seen = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and km.is_alive():
            try:
                msg = kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                seen.append(msg)
        # what was still queued when the process died
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                seen.append(msg)
        alive = km.is_alive()
        exit_code = km.provisioner.process.poll() if not alive else None
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=TIMEOUT)
        after_id = kc.execute("1 + 1")
        after = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != after_id:
                continue
            after.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        report[key] = {"alive": alive, "exit_code": exit_code, "iopub": summary(seen), "after_restart": summary(after)}
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    with open(report_path, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
