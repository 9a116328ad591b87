// Shared by the filter steps (after the bench's PRELUDE): the grid's first family, the grid
// scrolled to its top unmeasured, and an event that bubbles as the user's would.
const firstRow = () => {
  const row = document.querySelector(ORIGINALS);
  return row ? row.getAttribute('data-doc-id') : null;
};
const atTop = () => new Promise(resolve => {
  const viewport = document.querySelector(VIEWPORT);
  if (viewport) viewport.scrollTop = 0;
  requestAnimationFrame(() => requestAnimationFrame(resolve));
});
const fire = (el, kind) => el.dispatchEvent(new Event(kind, { bubbles: true }));
