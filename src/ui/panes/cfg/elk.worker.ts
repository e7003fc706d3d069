// A dedicated worker for elkjs's layout engine: importing its worker build makes this worker
// answer elk-api's layout requests (it takes over `onmessage`, which is why it cannot share the
// core worker). Loaded only when the CFG pane opens.
import 'elkjs/lib/elk-worker.min.js';
