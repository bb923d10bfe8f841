import { path } from "../core/router";
import { session } from "../core/session";
import { SignInPage } from "../features/auth/SignInPage";
import { SemakPage } from "../features/semak/SemakPage";
import { Shell } from "./Shell";

export function App() {
  // The public check needs no account: it is what a citizen opens from a forwarded message.
  if (path.value === "/semak") return <SemakPage />;
  return session.value ? <Shell key={session.value.userId} /> : <SignInPage />;
}
