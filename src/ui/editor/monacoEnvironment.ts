// Monaco's environment, set before Monaco itself is evaluated (it reads `globalAPI` at load time):
// the editor worker comes from the local bundle (Vite's `?worker`), never from a CDN, and
// `window.monaco` is exposed so e2e tests can tokenize with the real grammar.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  globalAPI: true,
  // Every label gets the plain editor worker: the ebpf language has no language worker.
  getWorker: () => new EditorWorker(),
};
