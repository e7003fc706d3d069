// The Web Worker: a thin message loop over the core host. Each request is answered in order with
// its id; a bug in the core becomes an error answer, never a dead worker.
import { dispatch } from './dispatch.js';
import { CoreHost } from './host.js';
import type { Request, Response } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}

const scope = self as unknown as WorkerScope;
const host = new CoreHost();

scope.onmessage = (e) => {
  const req = e.data;
  let res: Response;
  try {
    res = { id: req.id, ok: true, value: dispatch(host, req) };
  } catch (err) {
    res = { id: req.id, ok: false, error: err instanceof Error ? `${err.message}` : String(err) };
  }
  scope.postMessage(res);
};
