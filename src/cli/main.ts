// `bpfiddle`: dispatches `bpfiddle <command> ...` to the modules in commands/. To add a command,
// write commands/<name>.ts exporting name, summary, usage and run (the Command contract in util.ts)
// and add one line to COMMANDS below. Commands load lazily so that one command's dependencies
// (the VM, the verifier) cost nothing when another runs.

import { pathToFileURL } from 'node:url';
import { EXIT_USAGE, nodeIO, type CliIO, type Command } from './util.js';

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  asm: () => import('./commands/asm.js'),
  disasm: () => import('./commands/disasm.js'),
  run: () => import('./commands/run.js'),
  verify: () => import('./commands/verify.js'),
  conformance: () => import('./commands/conformance.js'),
  export: () => import('./commands/export.js'),
};

async function loadAll(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

async function overview(): Promise<string> {
  const cmds = await loadAll();
  const width = Math.max(...cmds.map((c) => c.name.length));
  return [
    'bpfiddle: an eBPF playground and visual verifier, on the command line',
    '',
    'usage: bpfiddle <command> [options] [args]',
    '       bpfiddle <command> --help',
    '',
    'commands:',
    ...cmds.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Runs one command line (without the node and script arguments); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(await overview());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && COMMANDS[topic]) {
      io.out(`${(await COMMANDS[topic]()).usage.trimEnd()}\n`);
      return 0;
    }
    io.out(await overview());
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!load) {
    io.err(`bpfiddle: unknown command '${first}'\n\n${await overview()}`);
    return EXIT_USAGE;
  }
  const cmd = await load();
  return cmd.run(rest, io);
}

// Run directly (`tsx src/cli/main.ts ...`, the `npm run bpfiddle` script); bin/bpfiddle.js calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
