// Real share links, kept forever: every schema version bpfiddle ever wrote must keep opening to
// the same session. Add the links of a new version here when the schema changes; never edit one.
import type { Session } from '../../src/core/share/index.js';

export interface LinkFixture {
  /** What the link holds, in words. */
  name: string;
  /** The schema version it was written with and the commit whose encoder wrote it. */
  version: number;
  madeBy: string;
  payload: string;
  /** The session it must open to, in the current schema. */
  session: Session;
}

export const LINK_FIXTURES: readonly LinkFixture[] = [
  {
    name: 'a socket filter with nothing else set',
    version: 1,
    madeBy: '12865aa',
    payload: 'eNotjcEKwjAQRH8lzDlIvUb8C29tkVpWDY2bJdlKpfTfTUnnNAyPNyu-cGeLHOc0Ehwu5k0hxI5PkuLL5DhOpPenD0qpY1OSGnM1Te20eO0YFjt8-0kx8ByChWeZFW6FDLugiAs06gLX9hbE5bXtN4vPILluj0TDJNGzHkNWkqrb_m2rNhA',
    session: {
      source: '; hello\n.prog socket_filter\n    r0 = 0\n    exit\n',
      progType: null,
      input: { packet: '', ctx: [], env: [], maxSteps: null },
      maps: [],
      breakpoints: [],
      step: null,
      selectedPc: null,
    },
  },
  {
    name: 'an XDP program with a packet, context, environment, a map element, breakpoints and a step',
    version: 1,
    madeBy: '12865aa',
    payload: 'eNo1T9GKgzAQ_JWwTy2IVStHEfIX96ZScnGvBs-4JFEs4r_fxrazL8sMOzuzwQJVnoCfZqcRKkjJTQ-xdtTYdFQk9DTb4EWvfC8GfMpSLOpvRnkTo1rvaIMz6OW1aKxguExI8d5xNaGxkEB0_H5SdGdfJoylOUC1ASk9IG-Aob8YWsqTd1rmWRonP1-CplNHkwvylp35UIcVqprvHw69v5tfYztcZQ5tAmi5SQ1kOlkW0O4JcHzP1AZWjfH5qwrbvFMfGndiKfvKDrB41IuUelEfwN7u_ObHoRpoMtGpqq9JyZwPSFAV-z8ATWdC',
    session: {
      source: '.prog xdp\n.map counts hash key=4 value=8 max_entries=32\n    r0 = 2\n    exit\n',
      progType: 'xdp',
      input: { packet: 'eth/ipv4(src=10.0.0.1)/tcp(dport=80)', ctx: ['ingress_ifindex=1'], env: ['pid=42'], maxSteps: null },
      maps: [{ name: 'counts', entries: [{ key: '06000000', value: '0a00000000000000' }] }],
      breakpoints: [3, 4],
      step: 2,
      selectedPc: null,
    },
  },
  {
    name: 'non-ASCII and HTML-looking text in the source, a kprobe with a register value',
    version: 1,
    madeBy: '12865aa',
    payload: 'eNotzj0OgjAYxvGrvHnmJpa1CqdwAwY-GiVAW0sxGELiHXT0Ak6uDm7chJNYou_0y39484w4QwQMne5tISGwpfmj5lcxv8v5ScvjRsv1TglOvXayS0C7PFLa0dG1zW6TR4kif5ZTSMHPcqhcosBgrD7sL2b9Wnvn0rdKmd5BjDBZUUsv-Fi4ASKGLauQDwHnHCmDVH5ZnE4MbWa6lQy5lVltdKXcP3ROGgjVN830BQc1RDI',
    session: {
      source: '; ünïcødé ✓ — "quotes" <b>not html</b>\n    r0 = 1\n    exit\n',
      progType: 'kprobe',
      input: { packet: '', ctx: ['rdi=0x1000'], env: [], maxSteps: null },
      maps: [],
      breakpoints: [],
      step: null,
      selectedPc: null,
    },
  },
  {
    name: 'an infinite loop with a small step limit, paused at the limit',
    version: 2,
    madeBy: 'a76e05a',
    payload: 'eNotTkEOwjAM-0qUcwUTgkv5BBLcGIfSBajI0mjL0BDi77QaOTl2YvuDL_Qbh2OehkjocQ9BIMktSTICzlkdjJZVqYPrGwKMfWAuFClw6pO1stIh32HutBX2rUCZe7YM3Ao6rOLprcVbJmaHSXQy9B_UEJ9UEJI91klf2_XUaXmINqM_XxySlG4V9GE-lrwR_a5pmm8l6lKl60DhqTmJ_YlabLkrmJiiUXeIS_j3BzOoTxE',
    session: {
      source: '; an infinite loop, stopped by a small step limit\n.prog xdp\nl:\n    goto l\n',
      progType: null,
      input: { packet: 'eth/ipv4/udp', ctx: [], env: [], maxSteps: 5000 },
      maps: [],
      breakpoints: [],
      step: 5000,
      selectedPc: null,
    },
  },
  {
    name: 'verify mode with an instruction selected, an IPv6 packet, context and environment',
    version: 2,
    madeBy: 'a76e05a',
    payload: 'eNo1jsGKAjEQRH9lqNMuDOs6yh4C-YcFvY0iY6bR4EzSJh2JiP9ugtin6qrXdD1wg-paRJ-CISj8cPCnJo-8c02Z8NvopntrylZ2Di0qsr1zwV2aphbWcRKoB3gwFyoKJOeF5dvfQgx_jeyD6PV69V1ujWSoHiEfrokSHawbKesO-xbkSpcehpNeVtLPs44SlElhqvk85I0Qx_fbZzXq0pfoGGi4sLdOqrEqTizkp1-kiYzQ-G-gls8X9dRPbQ',
    session: {
      source: '.prog xdp\n    r0 = 2\n    exit\n',
      progType: null,
      input: { packet: 'eth/ipv6/tcp(dport=443)', ctx: ['rx_queue_index=2'], env: ['cpu=1', 'comm=str:curl'], maxSteps: null },
      maps: [],
      breakpoints: [3],
      step: null,
      selectedPc: 1,
    },
  },
];
