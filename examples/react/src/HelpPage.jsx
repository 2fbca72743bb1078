// The help route, loaded with React.lazy: the first visit renders the Suspense fallback
// while this chunk loads, so its <closer-chat> connects in a later task than the one in
// which the home route's was removed. The element's grace period covers that gap.
export default function HelpPage({ chat }) {
  return (
    <section id="page-help">
      <h2>Help</h2>
      <p>Questions? The chat you had open on the home page is still here.</p>
      {chat}
    </section>
  );
}
