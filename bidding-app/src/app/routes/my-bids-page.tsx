import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../features/auth/hooks/use-session';
import { MyBidsList } from '../../features/my-bids/components/my-bids-list';
import { myBidFilterFrom } from '../../features/my-bids/my-bid-filters';
import { SignInRedirect } from '../sign-in-redirect';

export function MyBidsPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  if (!session) return <SignInRedirect />;
  return (
    <section aria-labelledby="my-bids-heading" className="narrow-page">
      <h1 id="my-bids-heading">My bids</h1>
      <MyBidsList userId={session.user.id} filter={myBidFilterFrom(params.get('status'))} />
    </section>
  );
}
