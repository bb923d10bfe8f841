import { useLazy } from "../../app/lazy";
import { closeViewer, viewing } from "./viewer";

const loadViewer = () => import("./Viewer");

/** The viewer's code loads the first time something is opened in it. */
export function ViewerHost() {
  const request = viewing.value;
  const module = useLazy(loadViewer, request !== null);
  if (!request || !module) return null;
  return <module.Viewer key={`${request.conversationId}/${request.seq}/${request.blobId}/${request.mode}`} request={request} onClose={closeViewer} />;
}
