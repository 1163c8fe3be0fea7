import { Outlet, useParams } from 'react-router';
import { Problem } from '../api/client';
import { useHeader } from '../api/hooks';
import { NotFound } from '../ui/States';

/** Screens of one account: an account the person may not see is "not found", whatever the screen. */
export function AccountScope() {
  const { accountId } = useParams();
  const header = useHeader(accountId);
  if (header.error instanceof Problem && header.error.status === 404) return <NotFound />;
  return <Outlet />;
}
