import { useEffect, useState } from 'react';

// A router small enough to read: the page's path, `navigate()` through history.pushState,
// and the browser's back and forward through `popstate`. Enough to change routes for real
// (URL, history, unmount and mount) without adding a router dependency.

const ROUTE_CHANGE = 'example:route';

/** Goes to `path` as a link click would, without a page load. */
export function navigate(path) {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  dispatchEvent(new Event(ROUTE_CHANGE));
}

/** The current path, re-rendering on navigate(), back and forward. */
export function usePath() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    addEventListener(ROUTE_CHANGE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(ROUTE_CHANGE, update);
    };
  }, []);
  return path;
}

/** An `<a>` that navigates in the app (a plain link with a modifier key or middle click). */
export function Link({ to, children, ...props }) {
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...props}>
      {children}
    </a>
  );
}
