// Counts what the page loaded and marks the body ready once the fonts and images are in, so a
// headless browser's DOM says whether everything arrived.
"use strict";

function imagesLoaded() {
  return Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0);
}

function markReady() {
  const assets = performance.getEntriesByType("resource").length;
  document.getElementById("asset-count").textContent = String(assets);
  const font = document.fonts.check('16px "Koor Glyphs"');
  document.body.dataset.font = font ? "loaded" : "missing";
  document.body.dataset.images = imagesLoaded() ? "loaded" : "missing";
  document.body.dataset.ready = font && imagesLoaded() ? "yes" : "no";
}

window.addEventListener("load", () => document.fonts.ready.then(markReady));
