import { createApiClient } from './api';
import { App } from './App';
import { StoreProvider } from './context';
import { createAppStore } from './store';

/** The app with its store, over the api client the environment offers (preload or HTTP). */
export function AppRoot() {
  return (
    <StoreProvider store={createAppStore(createApiClient())}>
      <App />
    </StoreProvider>
  );
}
