// Entry point: mounts the app and the hooks browser tests use.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTestHooks } from './test-hooks';
import './styles.css';

installTestHooks();

const root = document.getElementById('root');
if (root === null) throw new Error('client: index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
