import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './app/api';
import { App } from './app/App';
import { StoreProvider } from './app/context';
import { createAppStore } from './app/store';
import './styles.css';

const store = createAppStore(createApiClient());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
