import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './app/api';
import { App } from './app/App';
import { StoreProvider } from './app/context';
import { createAppStore } from './app/store';
import { PackPrintRoute } from './features/pack/PackPrintRoute';
import { printParams } from './features/pack/print-route';
import './styles.css';

// The print route shows only a steering pack (headless PDF); everything else is the app.
const print = printParams();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {print ? (
      <PackPrintRoute params={print} />
    ) : (
      <StoreProvider store={createAppStore(createApiClient())}>
        <App />
      </StoreProvider>
    )}
  </StrictMode>,
);
