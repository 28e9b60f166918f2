import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { printParams } from './features/pack/print-route';
import './styles.css';

// The print route shows only a steering pack (headless PDF); everything else is the app. Each is
// its own chunk, so printing does not load the grid and the rest of the app.
const print = printParams();
const PackPrintRoute = lazy(() => import('./features/pack/PackPrintRoute').then((m) => ({ default: m.PackPrintRoute })));
const AppRoot = lazy(() => import('./app/AppRoot').then((m) => ({ default: m.AppRoot })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>{print ? <PackPrintRoute params={print} /> : <AppRoot />}</Suspense>
  </StrictMode>,
);
