// The VM's HelperHost for a world: dispatches `call N` to the implementation of helper N, after
// checking that the program type may call it at all (the kernel refuses to load a program that
// calls a helper its type does not offer). Implementations report impossible arguments by
// throwing HelperFault; here, and only here, that becomes the VM's 'helper' fault.

import type { HelperHost, HelperResult, VmApi } from '../vm/types.js';
import { Call, HelperFault } from './call.js';
import { helperName } from './ids.js';
import { IMPLEMENTATIONS } from './impl.js';
import type { Runtime } from './runtime.js';
import { helperAllowed } from './table.js';

export function helperHost(rt: Runtime): HelperHost {
  return {
    has: (id) => helperName(id) !== undefined,
    call: (id, api) => {
      const name = helperName(id)!;
      if (!helperAllowed(id, rt.progType)) {
        return { fault: `${name} is not available to ${rt.progType} programs (the kernel refuses them: program of this type cannot use helper ${name}#${id})` };
      }
      const impl = IMPLEMENTATIONS.get(id);
      if (!impl) return { fault: `bpfiddle does not implement ${name} yet` };
      return guarded(() => impl(new Call(name, api, rt)));
    },
  };
}

function guarded(f: () => HelperResult | bigint): HelperResult {
  try {
    const r = f();
    if (typeof r === 'bigint') return { r0: r };
    if ('callback' in r) {
      const then = r.then;
      return { callback: r.callback, then: (r0: bigint, api: VmApi) => guarded(() => then(r0, api)) };
    }
    return r;
  } catch (e) {
    if (e instanceof HelperFault) return { fault: e.message };
    throw e;
  }
}
