"""The recorder's hands inside the namespaces: one long-lived process (scapy is slow to import)
that enters a namespace with setns(2) before opening each socket, so one process serves every
namespace of a recording.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"op": "l2", "key": K, "netns": PATH, "iface": IF}        open a packet socket on a neighbour's IF
  {"op": "raw", "key": K, "netns": PATH}                    open a raw IP socket in the host namespace
  {"op": "listen", "netns": PATH, "proto": "tcp"|"udp", "port": P, "address": A}
  {"op": "send", "key": K, "packet": {...}, "l2": {"src": MAC, "dst": MAC} | null, "mark": M}
  {"op": "reset"}                                           close every socket (next recording)
Every frame a neighbour socket receives (the host's packets on the wire) and every TCP segment sent
is remembered by its tuple, so a segment's acknowledgement number can answer what the other side
really sent (a SYN-ACK's sequence number is the host stack's choice).

Runs with Debian's /usr/bin/python3 and python3-scapy.
"""
import ctypes
import json
import os
import select
import socket
import sys

from scapy.all import ICMP, IP, TCP, UDP, Ether, Raw, conf  # noqa: E402

conf.verb = 0
CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
SO_MARK = 36
libc = ctypes.CDLL("libc.so.6", use_errno=True)
HOME = os.open("/proc/self/ns/net", os.O_RDONLY)

sockets = {}
listeners = []
# tuple (src, sport, dst, dport) -> next sequence number that side will send
next_seq = {}


def enter(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns " + path)
    finally:
        os.close(fd)


def leave():
    if libc.setns(HOME, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns home")


def learn(ip):
    """Remember the sequence space a TCP segment used up."""
    if not ip.haslayer(TCP):
        return
    t = ip[TCP]
    flags = int(t.flags)
    used = len(bytes(t.payload)) + (1 if flags & 0x02 else 0) + (1 if flags & 0x01 else 0)
    next_seq[(ip.src, t.sport, ip.dst, t.dport)] = (t.seq + used) & 0xFFFFFFFF


def drain():
    """Read every frame waiting on the neighbour sockets."""
    l2 = [s for kind, s in sockets.values() if kind == "l2"]
    while l2:
        ready, _, _ = select.select(l2, [], [], 0)
        if not ready:
            return
        for s in ready:
            data = s.recv(65535)
            frame = Ether(data)
            if frame.haslayer(IP):
                learn(frame[IP])


def build(p):
    ip = IP(src=p["src"], dst=p["dst"], ttl=p.get("ttl", 64), tos=p.get("tos", 0), proto=p["proto"])
    payload = p.get("payload", "").encode("latin-1")
    proto = p["proto"]
    if proto == 6:
        seq = p.get("seq", 0)
        ack = p.get("ack", 0)
        key = (p["dst"], p["dport"], p["src"], p["sport"])
        if p["flags"] & 0x10 and key in next_seq:
            ack = next_seq[key]
        l4 = TCP(sport=p["sport"], dport=p["dport"], flags=p["flags"], seq=seq, ack=ack, window=64240)
        if p.get("mss") is not None:
            l4.options = [("MSS", p["mss"])]
    elif proto == 17:
        l4 = UDP(sport=p["sport"], dport=p["dport"])
    elif proto == 1:
        l4 = ICMP(type=p["icmpType"], code=p["icmpCode"])
        if p["icmpType"] in (0, 8, 13, 14, 15, 16, 17, 18):
            l4.id = p.get("icmpId", 0)
            l4.seq = 1
        e = p.get("embedded")
        if e:
            inner = IP(src=e["src"], dst=e["dst"], ttl=e.get("ttl", 64), proto=e["proto"])
            if e["proto"] == 6:
                inner = inner / TCP(sport=e["sport"], dport=e["dport"], flags=e.get("flags", 0))
            elif e["proto"] == 17:
                inner = inner / UDP(sport=e["sport"], dport=e["dport"])
            elif e["proto"] == 1:
                inner = inner / ICMP(type=e["icmpType"], code=e["icmpCode"], id=e.get("icmpId", 0))
            # The error quotes the IP header and the first 8 bytes of what followed it.
            quoted = bytes(inner)
            l4 = l4 / Raw(quoted[: (quoted[0] & 0x0F) * 4 + 8])
    elif proto in (132, 33, 136):
        l4 = Raw(bytes([p["sport"] >> 8, p["sport"] & 255, p["dport"] >> 8, p["dport"] & 255]) + bytes(8))
    else:
        l4 = Raw(b"")
    pkt = ip / l4
    if payload:
        pkt = pkt / Raw(payload)
    length = p.get("length")
    have = len(bytes(pkt))
    if length and length > have:
        pkt = pkt / Raw(bytes(length - have))
    return pkt


def handle(cmd):
    op = cmd["op"]
    if op == "l2":
        enter(cmd["netns"])
        try:
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
            s.bind((cmd["iface"], 0))
            s.setblocking(False)
        finally:
            leave()
        sockets[cmd["key"]] = ("l2", s)
        return {}
    if op == "raw":
        enter(cmd["netns"])
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        finally:
            leave()
        sockets[cmd["key"]] = ("raw", s)
        return {}
    if op == "listen":
        enter(cmd["netns"])
        try:
            kind = socket.SOCK_STREAM if cmd["proto"] == "tcp" else socket.SOCK_DGRAM
            s = socket.socket(socket.AF_INET, kind)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((cmd.get("address") or "0.0.0.0", cmd["port"]))
            if kind == socket.SOCK_STREAM:
                s.listen(128)
        finally:
            leave()
        listeners.append(s)
        return {}
    if op == "send":
        drain()
        kind, s = sockets[cmd["key"]]
        pkt = build(cmd["packet"])
        learn(pkt)
        if kind == "l2":
            s.send(bytes(Ether(src=cmd["l2"]["src"], dst=cmd["l2"]["dst"], type=0x0800) / pkt))
        else:
            s.setsockopt(socket.SOL_SOCKET, SO_MARK, cmd.get("mark", 0))
            try:
                s.sendto(bytes(pkt), (cmd["packet"]["dst"], 0))
            except OSError as e:
                # The kernel refusing the send is part of the scenario: EPERM after an OUTPUT DROP
                # (§2.7), EINVAL or ENETUNREACH when a reroute in OUTPUT fails.
                return {"errno": e.errno}
        return {}
    if op == "drain":
        drain()
        return {}
    if op == "reset":
        for _, s in sockets.values():
            s.close()
        for s in listeners:
            s.close()
        sockets.clear()
        listeners.clear()
        next_seq.clear()
        return {}
    raise ValueError("unknown op " + op)


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            reply = handle(json.loads(line))
            reply["ok"] = True
        except Exception as e:  # the caller shows it and cleans up
            reply = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(reply), flush=True)


main()
