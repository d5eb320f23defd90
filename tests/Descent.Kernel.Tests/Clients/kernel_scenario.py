"""Drives the Descent kernel with jupyter_client, as a front end does, and writes what it observed as JSON.

Usage: kernel_scenario.py KERNEL_NAME REPORT.json
The kernelspec must be findable (JUPYTER_PATH). Assertions live in the .NET test that reads the report;
this script only fails on its own when the kernel does not answer at all.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 60


def collect(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages whose parent is msg_id, up to and including status: idle."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen
    raise TimeoutError(f"no idle status for {msg_id}")


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no shell reply for {msg_id}")


def control_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_control_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no control reply for {msg_id}")


def summary(msgs):
    out = []
    for m in msgs:
        c = m["content"]
        entry = {"type": m["msg_type"]}
        if m["msg_type"] == "status":
            entry["state"] = c["execution_state"]
        elif m["msg_type"] == "stream":
            entry.update(name=c["name"], text=c["text"])
        elif m["msg_type"] in ("display_data", "update_display_data", "execute_result"):
            entry.update(text=c["data"].get("text/plain"), display_id=c.get("transient", {}).get("display_id"),
                         count=c.get("execution_count"), mimetypes=sorted(c["data"].keys()))
        elif m["msg_type"] == "error":
            entry.update(ename=c["ename"], evalue=c["evalue"], traceback=c["traceback"])
        elif m["msg_type"] == "execute_input":
            entry.update(count=c["execution_count"], code=c["code"])
        out.append(entry)
    return out


def execute(kc, code, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id)
    iopub = collect(kc, msg_id)
    return {"reply": reply["content"], "iopub": summary(iopub), "parent_ok": reply["parent_header"]["msg_id"] == msg_id}


def main():
    name, report_path = sys.argv[1], sys.argv[2]
    report = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)

    # kernel_info
    msg_id = kc.kernel_info()
    reply = shell_reply(kc, msg_id)
    report["kernel_info"] = reply["content"]
    report["kernel_info_header"] = {k: reply["header"][k] for k in ("version", "msg_type", "session", "username")}
    report["kernel_info_iopub"] = summary(collect(kc, msg_id))

    # execute: state, console, display and its update, the trailing value
    report["define"] = execute(kc, "var keep = 5;")
    report["display"] = execute(kc, 'var h = display("first");\nh.Update("second");\nConsole.WriteLine("printed");\n6 * 7')
    report["silent"] = execute(kc, "keep * 100", silent=True)

    # errors: a runtime exception and a compile error
    report["runtime_error"] = execute(kc, 'throw new InvalidOperationException("boom");')
    report["compile_error"] = execute(kc, 'int wrong = "text";')

    # Console.ReadLine() becomes an input_request on the stdin channel, answered by the front end
    msg_id = kc.execute('var name = Console.ReadLine();\nConsole.WriteLine($"hello {name}");', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    kc.input("Ada")
    report["input"] = {"request": request["content"], "request_parent_ok": request["parent_header"].get("msg_id") == msg_id,
                       "reply": shell_reply(kc, msg_id)["content"], "iopub": summary(collect(kc, msg_id))}

    # is_complete, complete, inspect
    for key, code in (("is_complete_partial", "for (int i = 0; i < 3; i++) {"), ("is_complete_done", "var x = 1;"),
                      ("is_complete_invalid", "var y = (1 + 2));")):
        msg_id = kc.is_complete(code)
        report[key] = shell_reply(kc, msg_id)["content"]
    msg_id = kc.complete("Math.", 5)
    report["complete_math"] = shell_reply(kc, msg_id)["content"]
    msg_id = kc.complete("var k2 = ke", 11)
    report["complete_variable"] = shell_reply(kc, msg_id)["content"]
    msg_id = kc.inspect("Math.Sqrt(2)", 7)
    report["inspect"] = shell_reply(kc, msg_id)["content"]

    # interrupt a runaway loop (interrupt_mode "message": an interrupt_request on control), then keep going
    msg_id = kc.execute("while (true) { }")
    busy_deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < busy_deadline:
        m = kc.get_iopub_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            break
    time.sleep(1.0)
    hb_alive = kc.hb_channel.is_beating()
    started = time.monotonic()
    km.interrupt_kernel()
    loop_reply = shell_reply(kc, msg_id)
    report["interrupt"] = {"reply": loop_reply["content"], "iopub": summary(collect(kc, msg_id)),
                           "seconds_to_stop": time.monotonic() - started, "heartbeat_during_loop": hb_alive}
    report["after_interrupt"] = execute(kc, "keep * 2")

    # a message signed with the wrong key: dropped, no reply, no side effect
    forger = Session(key=b"not-the-connection-key", username="mallory")
    bad = forger.msg("execute_request", {"code": "keep = 999;", "silent": False, "store_history": True,
                                         "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forger.send(kc.shell_channel.socket, bad)
    time.sleep(1.0)
    stray = []
    while True:
        try:
            stray.append(kc.get_shell_msg(timeout=0.2))
        except Exception:
            break
    report["forged"] = {"replies": [m["parent_header"].get("msg_id") for m in stray], "forged_id": bad["header"]["msg_id"],
                        "after": execute(kc, "keep")}

    # stop_on_error: a failing cell aborts the request queued behind it
    first = kc.execute('System.Threading.Thread.Sleep(300); throw new Exception("first fails");')
    second = kc.execute("keep = 1000;")
    report["stop_on_error"] = {"first": shell_reply(kc, first)["content"], "second": shell_reply(kc, second)["content"]}
    collect(kc, first)
    collect(kc, second)
    report["stop_on_error"]["after"] = execute(kc, "keep")

    # history
    msg_id = kc.history(hist_access_type="tail", n=3, output=False, raw=True)
    report["history"] = shell_reply(kc, msg_id)["content"]
    msg_id = kc.comm_info()
    report["comm_info"] = shell_reply(kc, msg_id)["content"]

    # shutdown with restart, as a front end's "Restart kernel" does, then a fresh state
    old_pid = km.provisioner.process.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    report["restart"] = {"new_pid_differs": km.provisioner.process.pid != old_pid, "after": execute(kc, "keep")}

    # an explicit shutdown_request with restart: the reply, then the process exits by itself
    msg_id = kc.shutdown(restart=True)
    shutdown = control_reply(kc, msg_id)
    try:
        code = km.provisioner.process.wait(timeout=10)
    except Exception:
        code = None
    report["shutdown"] = {"reply": shutdown["content"], "exit_code": code}
    kc.stop_channels()
    km.cleanup_resources()

    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
