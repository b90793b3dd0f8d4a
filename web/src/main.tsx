import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { setNonce } from 'get-nonce';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

// The server puts a fresh nonce into this meta tag for every response; every <style> element
// Mantine creates at runtime must carry it to pass `style-src 'self' 'nonce-…'`.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
// Modals lock page scrolling with a <style> element (react-remove-scroll), which reads its nonce here.
setNonce(nonce);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App nonce={nonce} />
  </StrictMode>,
);
