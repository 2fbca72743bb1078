import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ChatStatus } from './ChatStatus.jsx';
import { HomePage } from './HomePage.jsx';
import { Link, usePath } from './router.jsx';

// Loaded on the first visit to /help: the route change that remounts the chat in a later task.
const HelpPage = lazy(() => import('./HelpPage.jsx'));

const ORG_ID = '7f3c9e2a-4b1d-4c8e-9a6f-2d5b8e1c0a47';
const API_KEYS = ['0c1e8a52-6f3b-4d29-8e71-5a9b2c4d6e01', '9b2d4f61-3a7c-4e58-b1d0-7c6e5f4a3b02'];

export function App() {
  const chatRef = useRef(null);
  const [count, setCount] = useState(0);
  const [apiKey, setApiKey] = useState(API_KEYS[0]);
  const [showButton, setShowButton] = useState(true);
  const [chatShown, setChatShown] = useState(true);
  const [identity, setIdentity] = useState({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  const [tags, setTags] = useState([]);
  const [log, setLog] = useState([]);
  const note = (line) => setLog((lines) => [...lines, line]);
  const path = usePath();

  // Only for the StrictMode test: proves that React's development double mount
  // (mount, unmount, mount) really ran around the element.
  useEffect(() => {
    (window.exampleMounts ??= []).push('mount');
    return () => window.exampleMounts.push('unmount');
  }, []);

  // The one chat, rendered by whichever route is shown: a route change unmounts one
  // <closer-chat> and mounts another.
  const chat = chatShown && (
    <closer-chat
      ref={chatRef}
      org-id={ORG_ID}
      api-key={apiKey}
      show-button={showButton ? 'true' : 'false'}
      loading="eager"
      src="/dev-widget/widget.js"
      identity={identity}
      oncloser-ready={() => note('closer-ready')}
      oncloser-open={() => note('closer-open')}
      oncloser-tags-changed={(e) => {
        setTags(e.detail.tags);
        note(`closer-tags-changed ${e.detail.tags.join(',')}`);
      }}
    />
  );

  return (
    <main>
      <h1>closer-chat + React 19</h1>
      <p>
        <button id="count" onClick={() => setCount((c) => c + 1)}>
          Count: {count}
        </button>{' '}
        <button id="switch-user" onClick={() => setApiKey((k) => (k === API_KEYS[0] ? API_KEYS[1] : API_KEYS[0]))}>
          Switch visitor
        </button>{' '}
        <button id="rename" onClick={() => setIdentity((i) => ({ ...i, firstName: 'Augusta' }))}>
          Rename visitor
        </button>{' '}
        <label>
          <input
            id="show-button"
            type="checkbox"
            checked={showButton}
            onChange={(e) => setShowButton(e.target.checked)}
          />
          show-button
        </label>{' '}
        <button id="toggle-chat" onClick={() => setChatShown((s) => !s)}>
          {chatShown ? 'Hide chat' : 'Show chat'}
        </button>{' '}
        <button id="open-chat" disabled={!chatShown} onClick={() => chatRef.current?.open()}>
          Open chat
        </button>
      </p>
      <ChatStatus />
      <p>
        Visitor: <code id="api-key">{apiKey}</code>
      </p>
      <p>
        Tags: <output id="tags">{tags.join(', ') || '(none)'}</output>
      </p>
      <ol id="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>

      <nav>
        <Link id="route-home" to="/">
          Home
        </Link>{' '}
        <Link id="route-help" to="/help">
          Help
        </Link>
      </nav>
      {/* The lazy route has its own Suspense: leaving home removes the chat at once, and the
          help route's chat connects once the chunk has loaded (a boundary around both routes
          would keep the old route mounted, hidden, until then). */}
      {path === '/help' ? (
        <Suspense fallback={<p id="route-loading">Loading the page…</p>}>
          <HelpPage chat={chat} />
        </Suspense>
      ) : (
        <HomePage chat={chat} />
      )}
    </main>
  );
}
