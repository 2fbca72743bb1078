import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <closer-chat>. Import it before the first render, so that React sees the
// element's properties (such as `identity`) and sets them as properties.
import 'closer-chat';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
