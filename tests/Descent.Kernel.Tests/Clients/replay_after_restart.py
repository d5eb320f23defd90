"""Captures a signed execute_request, restarts the kernel as a front end's "Restart kernel" does, and sends the
captured frames again, within the first run and after the restart, to the kernel's shell socket.

Usage: replay_after_restart.py KERNEL_NAME MARKER_FILE REPORT.json
The captured cell appends "x" to MARKER_FILE, so the file's length counts how often the kernel executed it.
"""
import json
import sys
import time

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 120


def shell_replies(kc, seconds):
    """Every shell message that arrives within `seconds`."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen.append(kc.get_shell_msg(timeout=max(0.05, deadline - time.monotonic())))
        except Exception:
            pass
    return seen


def reply_to(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id, and the other shell messages that came before it."""
    others = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg, others
        others.append(msg)
    raise TimeoutError(f"no shell reply for {msg_id}")


def marker_count(path):
    try:
        with open(path, encoding="utf-8") as f:
            return len(f.read())
    except FileNotFoundError:
        return 0


def main():
    name, marker, report_path = sys.argv[1], sys.argv[2], sys.argv[3]
    report = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    with open(km.connection_file, encoding="utf-8") as f:
        key_before = json.load(f)["key"]

    # The captured message: signed by the real client's session, as an eavesdropper on the shell port sees it.
    code = 'System.IO.File.AppendAllText(@"%s", "x");' % marker
    msg = kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    captured = kc.session.serialize(msg)
    captured_id = msg["header"]["msg_id"]
    kc.shell_channel.socket.send_multipart(captured)
    first, _ = reply_to(kc, captured_id)
    report["first"] = {"status": first["content"]["status"], "count": marker_count(marker)}

    # The same frames again, in the same run: refused. A cell sent after them proves they were read.
    kc.shell_channel.socket.send_multipart(captured)
    probe = kc.execute("1 + 1")
    _, before_probe = reply_to(kc, probe)
    report["same_run"] = {"replies_to_replay": [m["parent_header"].get("msg_id") for m in before_probe].count(captured_id),
                          "count": marker_count(marker)}

    # Restart as a front end does: shutdown_request(restart=True), a new process, the same connection file and key.
    old_pid = km.provisioner.process.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    with open(km.connection_file, encoding="utf-8") as f:
        key_after = json.load(f)["key"]
    report["restart"] = {"new_process": km.provisioner.process.pid != old_pid, "same_key": key_before == key_after}

    # Replayed by an attacker from their own socket, and through the client's own connection.
    attacker = zmq.Context.instance().socket(zmq.DEALER)
    attacker.linger = 0
    attacker.connect("%s://%s:%d" % (km.transport, km.ip, km.shell_port))
    time.sleep(0.5)
    attacker.send_multipart(captured)
    kc.shell_channel.socket.send_multipart(captured)
    probe = kc.execute("2 + 2")
    probe_reply, before_probe = reply_to(kc, probe)
    time.sleep(2.0)
    stray = []
    while attacker.poll(100):
        stray.append(attacker.recv_multipart())
    late = shell_replies(kc, 0.5)
    report["after_restart"] = {
        "replies_to_replay": [m["parent_header"].get("msg_id") for m in before_probe + late].count(captured_id),
        "attacker_replies": len(stray),
        "count": marker_count(marker),
        "probe_status": probe_reply["content"]["status"],
    }

    # A fresh message from the real client still runs after all this.
    fresh = kc.execute(code)
    fresh_reply, _ = reply_to(kc, fresh)
    report["fresh"] = {"status": fresh_reply["content"]["status"], "count": marker_count(marker)}

    km.shutdown_kernel(now=False)
    kc.stop_channels()
    attacker.close()
    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
