// The page: header, toolbar, and the resizable workspace: the editor over the tabbed program /
// verifier / input / output area on the left, the machine (registers, stack, maps) on the right.
// Layout only; panes own their content. Pane sizes are remembered across visits.
import { useEffect } from 'react';
import { Group, Panel, Separator, type Layout } from 'react-resizable-panels';
import { useApp } from '../../store/react.js';
import { SourceEditor } from '../editor/SourceEditor.js';
import { MapsPane } from '../panes/maps/MapsPane.js';
import { RegistersPane } from '../panes/registers/RegistersPane.js';
import { StackPane } from '../panes/stack/StackPane.js';
import { Toolbar, useShortcuts } from '../controls/Toolbar.js';
import { BottomTabs } from './BottomTabs.js';
import { Header } from './Header.js';
import { savedLayout, saveLayout } from './layout-store.js';
import { StatusBar } from './StatusBar.js';
import '../panes/panes.css';

function Split({ id, orientation, children }: { id: string; orientation: 'horizontal' | 'vertical'; children: React.ReactNode }) {
  return (
    <Group id={id} orientation={orientation} defaultLayout={savedLayout(id)} className="split"
      onLayoutChanged={(layout: Layout, meta) => { if (meta.isUserInteraction) saveLayout(id, layout); }}>
      {children}
    </Group>
  );
}

export function App() {
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useShortcuts();
  return (
    <div className="app">
      <Header />
      <Toolbar />
      <main className="workspace">
        <Split id="main" orientation="horizontal">
          <Panel id="left" defaultSize="56" minSize={320}>
            <Split id="left" orientation="vertical">
              <Panel id="editor" defaultSize="58" minSize={120}>
                <section className="pane pane-editor" aria-labelledby="editor-heading">
                  <div className="pane-header">
                    <h2 id="editor-heading">Source</h2>
                  </div>
                  <div className="pane-body">
                    <SourceEditor />
                  </div>
                </section>
              </Panel>
              <Separator className="resize-handle" />
              <Panel id="bottom" defaultSize="42" minSize={120}>
                <BottomTabs />
              </Panel>
            </Split>
          </Panel>
          <Separator className="resize-handle" />
          <Panel id="right" defaultSize="44" minSize={300}>
            <Split id="right" orientation="vertical">
              <Panel id="registers" defaultSize="44" minSize={90}><RegistersPane /></Panel>
              <Separator className="resize-handle" />
              <Panel id="stack" defaultSize="30" minSize={70}><StackPane /></Panel>
              <Separator className="resize-handle" />
              <Panel id="maps" defaultSize="26" minSize={70}><MapsPane /></Panel>
            </Split>
          </Panel>
        </Split>
      </main>
      <StatusBar />
    </div>
  );
}
