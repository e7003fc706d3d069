// The browser entry point.
import { bootstrap } from './ui/app/bootstrap.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
bootstrap(root);
