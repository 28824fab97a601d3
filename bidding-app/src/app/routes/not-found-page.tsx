import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section className="error-state">
      <h1>Page not found</h1>
      <p>
        <Link to="/auctions">See the live auctions</Link>
      </p>
    </section>
  );
}
