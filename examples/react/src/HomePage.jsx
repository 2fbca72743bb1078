// The home route: its content and, below it, the chat.
export function HomePage({ chat }) {
  return (
    <section id="page-home">
      <h2>Home</h2>
      <p>The chat is part of every route; each route renders its own &lt;closer-chat&gt;.</p>
      {chat}
    </section>
  );
}
