#!/usr/bin/python3
"""Golden packets for the packet builder, made by scapy (an independent packet library).

Each case pairs a bpfiddle packet spec with the scapy expression for the same packet; the spec
leans on bpfiddle's defaults, the scapy side spells every one of them out. Prints JSON: for each
case the bytes scapy builds and how scapy dissects them (layer names and field values), which
tests/packet/golden.test.ts compares with bpfiddle's builder and dissector.

Regenerate: /usr/bin/python3 tests/packet/scapy_vectors.py > tests/packet/scapy_vectors.json
"""
import json
import re
import logging
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (  # noqa: E402
    ARP, ICMP, IP, IPv6, TCP, UDP, Dot1AD, Dot1Q, Ether, ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6ND_NS,
    ICMPv6ND_NA, ICMPv6DestUnreach, IPOption_NOP, IPOption_Router_Alert, IPv6ExtHdrDestOpt,
    IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, Padding, Raw, RouterAlert, conf,
)
from scapy.fields import ConditionalField, FlagValue  # noqa: E402

M1, M2 = "02:00:00:00:00:01", "02:00:00:00:00:02"


def E(**kw):
    return Ether(src=kw.pop("src", M1), dst=kw.pop("dst", M2), **kw)


def I4(**kw):
    kw.setdefault("src", "10.0.0.1")
    kw.setdefault("dst", "10.0.0.2")
    kw.setdefault("id", 1)
    kw.setdefault("ttl", 64)
    return IP(**kw)


def I6(**kw):
    kw.setdefault("src", "fd00::1")
    kw.setdefault("dst", "fd00::2")
    kw.setdefault("hlim", 64)
    return IPv6(**kw)


def T(**kw):
    for k, v in dict(sport=40000, dport=80, seq=1, ack=0, flags="S", window=65535).items():
        kw.setdefault(k, v)
    return TCP(**kw)


def U(**kw):
    kw.setdefault("sport", 40000)
    kw.setdefault("dport", 53)
    return UDP(**kw)


CASES = [
    ("tcp syn with payload", 'eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=80,flags=S)/payload("hello")',
     lambda: E() / I4() / T(dport=80, flags="S") / Raw(b"hello")),
    ("tcp defaults", "eth/ipv4/tcp", lambda: E() / I4() / T()),
    ("tcp syn-ack with options", "eth/ipv4/tcp(sport=80,dport=40000,flags=SA,seq=1000,ack=2,options=[mss:1460,sackok,ts:12345:0,nop,wscale:7])",
     lambda: E() / I4() / T(sport=80, dport=40000, flags="SA", seq=1000, ack=2,
                            options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (12345, 0)), ("NOP", None), ("WScale", 7)])),
    ("tcp all flags and urgent", "eth/ipv4/tcp(flags=FSRPAUEC,urgptr=7,window=1024)/payload(hex=00ff00ff)",
     lambda: E() / I4() / T(flags="FSRPAUEC", urgptr=7, window=1024) / Raw(bytes.fromhex("00ff00ff"))),
    ("tcp options needing padding", "eth/ipv4/tcp(options=[mss:536,nop])",
     lambda: E() / I4() / T(options=[("MSS", 536), ("NOP", None)])),
    ("tcp sack blocks", "eth/ipv4/tcp(flags=A,ack=5000,options=[nop,nop,sack:1000-2000:3000-4000])",
     lambda: E() / I4() / T(flags="A", ack=5000, options=[("NOP", None), ("NOP", None), ("SAck", (1000, 2000, 3000, 4000))])),
    ("tcp deliberately wrong checksum", "eth/ipv4/tcp(chksum=0x1234)", lambda: E() / I4() / T(chksum=0x1234)),
    ("udp dns-like", 'eth/ipv4(src=192.168.1.10,dst=8.8.8.8)/udp(sport=5353,dport=53)/payload("query")',
     lambda: E() / I4(src="192.168.1.10", dst="8.8.8.8") / U(sport=5353, dport=53) / Raw(b"query")),
    ("udp odd length payload", 'eth/ipv4/udp/payload("abc")', lambda: E() / I4() / U() / Raw(b"abc")),
    ("udp wrong length", 'eth/ipv4/udp(len=100)/payload("abc")', lambda: E() / I4() / U(len=100) / Raw(b"abc")),
    ("udp checksum off", "eth/ipv4/udp(chksum=0)", lambda: E() / I4() / U(chksum=0)),
    ("ipv4 tos ttl flags fragment", "eth/ipv4(tos=0xb8,ttl=1,id=0x4242,flags=DF)/udp",
     lambda: E() / I4(tos=0xB8, ttl=1, id=0x4242, flags="DF") / U()),
    ("ipv4 more fragments", "eth/ipv4(flags=MF,frag=100,proto=udp)/payload(len=16,fill=0xaa)",
     lambda: E() / I4(flags="MF", frag=100, proto=17) / Raw(b"\xaa" * 16)),
    ("ipv4 options", "eth/ipv4(options=[nop,ra:0])/tcp",
     lambda: E() / I4(options=[IPOption_NOP(), IPOption_Router_Alert()]) / T()),
    ("ipv4 wrong header checksum and length", "eth/ipv4(chksum=0xbeef,len=1000)/icmp",
     lambda: E() / I4(chksum=0xBEEF, len=1000) / ICMP(id=1, seq=1)),
    ("icmp echo request", 'eth/ipv4/icmp/payload("ping")', lambda: E() / I4() / ICMP(type=8, id=1, seq=1) / Raw(b"ping")),
    ("icmp echo reply", "eth/ipv4/icmp(type=echo-reply,id=0x1234,seq=9)", lambda: E() / I4() / ICMP(type=0, id=0x1234, seq=9)),
    ("icmp unreachable quoting udp", 'eth/ipv4(src=10.0.0.254,dst=10.0.0.1)/icmp(type=unreachable,code=3)/ipv4/udp/payload("x")',
     lambda: E() / I4(src="10.0.0.254", dst="10.0.0.1") / ICMP(type=3, code=3) / I4() / U() / Raw(b"x")),
    ("ipv6 udp", 'eth/ipv6/udp/payload("v6")', lambda: E() / I6() / U() / Raw(b"v6")),
    ("ipv6 tcp with traffic class and flow label", "eth/ipv6(tc=0x28,fl=0x12345,hlim=255)/tcp(dport=443)",
     lambda: E() / I6(tc=0x28, fl=0x12345, hlim=255) / T(dport=443)),
    ("icmpv6 echo request", 'eth/ipv6/icmpv6/payload("ping6")', lambda: E() / I6() / ICMPv6EchoRequest(id=1, seq=1, data=b"ping6")),
    ("icmpv6 echo reply", "eth/ipv6/icmpv6(type=echo-reply,id=7,seq=8)", lambda: E() / I6() / ICMPv6EchoReply(id=7, seq=8)),
    ("icmpv6 neighbor solicitation", "eth/ipv6(dst=ff02::1:ff00:2,hlim=255)/icmpv6(type=neighbor-solicitation,target=fd00::2)",
     lambda: E() / I6(dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt="fd00::2")),
    ("icmpv6 neighbor advertisement", "eth/ipv6(hlim=255)/icmpv6(type=neighbor-advertisement,rest=0x60000000,target=fd00::1)",
     lambda: E() / I6(hlim=255) / ICMPv6ND_NA(R=0, S=1, O=1, tgt="fd00::1")),
    ("icmpv6 unreachable quoting udp", "eth/ipv6/icmpv6(type=unreachable,code=4)/ipv6(src=fd00::2,dst=fd00::1)/udp",
     lambda: E() / I6() / ICMPv6DestUnreach(code=4) / I6(src="fd00::2", dst="fd00::1") / U()),
    ("ipv6 hop-by-hop router alert", "eth/ipv6/hbh(options=[ra:0])/udp",
     lambda: E() / I6() / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)]) / U()),
    ("ipv6 destination options empty", "eth/ipv6/dstopts/tcp", lambda: E() / I6() / IPv6ExtHdrDestOpt() / T()),
    ("ipv6 routing header final destination", "eth/ipv6/routing(addrs=[fd00::3,fd00::4])/udp",
     lambda: E() / I6() / IPv6ExtHdrRouting(addresses=["fd00::3", "fd00::4"]) / U()),
    ("ipv6 fragment first", "eth/ipv6/frag(id=0xabcd,m=1)/udp",
     lambda: E() / I6() / IPv6ExtHdrFragment(id=0xABCD, m=1) / U()),
    ("vlan", 'eth/vlan(id=10,pcp=5)/ipv4/udp/payload("tagged")',
     lambda: E() / Dot1Q(vlan=10, prio=5) / I4() / U() / Raw(b"tagged")),
    ("qinq", "eth/qinq(id=100)/vlan(id=10,dei=1)/ipv6/icmpv6",
     lambda: E() / Dot1AD(vlan=100) / Dot1Q(vlan=10, id=1) / I6() / ICMPv6EchoRequest(id=1, seq=1)),
    ("arp request", "eth(dst=ff:ff:ff:ff:ff:ff)/arp(psrc=10.0.0.1,pdst=10.0.0.2)",
     lambda: E(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=M1, psrc="10.0.0.1", hwdst="00:00:00:00:00:00", pdst="10.0.0.2")),
    ("arp reply", "eth/arp(op=reply,hwsrc=02:00:00:00:00:09,psrc=10.0.0.2,hwdst=02:00:00:00:00:01,pdst=10.0.0.1)",
     lambda: E() / ARP(op=2, hwsrc="02:00:00:00:00:09", psrc="10.0.0.2", hwdst=M1, pdst="10.0.0.1")),
    ("ethernet padding trailer", 'eth/ipv4/udp/payload("x")/trailer(hex=000000000000000000000000000000)',
     lambda: E() / I4() / U() / Raw(b"x") / Padding(b"\x00" * 15)),
    ("raw ethertype", 'eth(type=0x88b5)/payload("experimental")', lambda: E(type=0x88B5) / Raw(b"experimental")),
    ("ip in ip", "eth/ipv4(src=192.0.2.1,dst=192.0.2.2)/ipv4/udp",
     lambda: E() / I4(src="192.0.2.1", dst="192.0.2.2") / I4() / U()),
    ("ipv6 in ipv4", "eth/ipv4/ipv6/udp", lambda: E() / I4() / I6() / U()),
]

SCAPY_NAMES = {
    "Ethernet": "Ether", "802.1Q": "Dot1Q", "802_1AD": "Dot1AD", "IP in ICMP": "IP", "UDP in ICMP": "UDP",
}


KNOWN = re.compile(r"^(Ether|Dot1Q|Dot1AD|ARP|IP|IPerror|IPv6|IPerror6|IPv6ExtHdr\w+|TCP|TCPerror|UDP|UDPerror|ICMP|ICMPerror|ICMPv6\w+|Raw|Padding)$")


def plain(v):
    if isinstance(v, FlagValue):
        return int(v)
    if isinstance(v, (int, str)):
        return v
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return v
    return None


def dissect(data):
    out = []
    p = Ether(data)
    while p is not None and not (p.__class__.__name__ == "NoPayload"):
        if not KNOWN.match(p.__class__.__name__):
            # scapy guesses more (DNS on port 53...); bpfiddle stops at transport: show it as data.
            out.append({"layer": "Raw", "fields": {"load": bytes(p).hex()}})
            break
        fields = {}
        for f in p.fields_desc:
            if isinstance(f, ConditionalField) and not f._evalcond(p):
                continue  # absent from this packet (and its default may be time-derived)
            v = plain(p.getfieldval(f.name))
            if v is not None:
                fields[f.name] = v
        out.append({"layer": p.__class__.__name__, "fields": fields})
        p = p.payload if p.payload else None
    return out


def main():
    conf.verb = 0
    res = []
    for name, spec, make in CASES:
        data = bytes(make())
        res.append({"name": name, "spec": spec, "hex": data.hex(), "scapy": dissect(data)})
    json.dump({"generator": "scapy " + __import__("scapy").__version__, "cases": res}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
