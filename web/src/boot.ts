// What index.html's inline script started for a direct opening of #/doc/ID: the document
// request and the first page's image. Taken once, by the validation screen of that id.
interface Boot { id: number; img: HTMLImageElement; doc: Promise<Response> }

export function takeBoot(id: number): Boot | undefined {
  const w = window as unknown as { __quaiBoot?: Boot };
  const boot = w.__quaiBoot;
  w.__quaiBoot = undefined;
  return boot && boot.id === id ? boot : undefined;
}
