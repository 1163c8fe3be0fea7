import { Outlet } from 'react-router';
import { useMe } from '../api/hooks';
import { isAdmin } from '../lib/permissions';
import { Forbidden, Loading } from '../ui/States';

/** The admin console's screens: anyone but an admin sees "Not allowed" (and the API answers 403 anyway). */
export function AdminScope() {
  const me = useMe();
  if (!me.data) return <Loading />;
  if (!isAdmin(me.data)) return <Forbidden />;
  return <Outlet />;
}
