// The page: header, editor pane, program pane, status bar. Layout only; panes own their content.
import { useEffect } from 'react';
import { useApp } from '../../store/react.js';
import { SourceEditor } from '../editor/SourceEditor.js';
import { ProgramPane } from '../panes/program/ProgramPane.js';
import { Header } from './Header.js';
import { StatusBar } from './StatusBar.js';

export function App() {
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <section className="pane pane-editor" aria-labelledby="editor-heading">
          <div className="pane-header">
            <h2 id="editor-heading">Source</h2>
          </div>
          <div className="pane-body">
            <SourceEditor />
          </div>
        </section>
        <ProgramPane />
      </main>
      <StatusBar />
    </div>
  );
}
