import { session } from "../core/session";
import { SignInPage } from "../features/auth/SignInPage";
import { Shell } from "./Shell";

export function App() {
  return session.value ? <Shell key={session.value.userId} /> : <SignInPage />;
}
