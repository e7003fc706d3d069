// One request → the host's answer. Shared by the worker's message loop and the main-thread
// fallback, so both run exactly the same code.
import type { CoreHost } from './host.js';
import type { Request } from './protocol.js';

export function dispatch(host: CoreHost, req: Request): unknown {
  switch (req.op) {
    case 'assemble': return host.assemble(req.source);
    case 'verify': return host.verify(req.source, req.logLevel);
    case 'verifierState': return host.verifierState(req.pc, req.visit);
    case 'verifierStep': return host.verifierStep(req.pathId, req.step);
    case 'flowGraph': return host.flowGraph();
    case 'explainError': return host.explainError(req.error);
    case 'importKernelLog': return host.importKernelLog(req.text, req.progType);
    case 'createRun': return host.createRun(req.setup);
    case 'command': return host.command(req.cmd, req.breakpoints);
  }
}
