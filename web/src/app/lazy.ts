import { useEffect, useState } from "preact/hooks";

/**
 * A module loaded only once it is wanted (the viewer, the recorder): most visits never need it, and the first paint
 * does not wait for it. The same load is shared by every caller.
 */
export function useLazy<M>(load: () => Promise<M>, wanted: boolean): M | null {
  const [module, setModule] = useState<M | null>(null);
  useEffect(() => {
    if (!wanted || module) return;
    let live = true;
    void shared(load).then((m) => live && setModule(() => m));
    return () => {
      live = false;
    };
  }, [wanted]);
  return module;
}

const loads = new Map<() => Promise<unknown>, Promise<unknown>>();

function shared<M>(load: () => Promise<M>): Promise<M> {
  let p = loads.get(load) as Promise<M> | undefined;
  if (!p) {
    p = load();
    p.catch(() => loads.delete(load));
    loads.set(load, p);
  }
  return p;
}
