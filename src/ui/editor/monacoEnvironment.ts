// Monaco's environment: the editor worker comes from the local bundle (Vite's `?worker`), never
// from a CDN. Monaco reads this when it first needs a worker.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  // Every label gets the plain editor worker: the ebpf language has no language worker.
  getWorker: () => new EditorWorker(),
};
