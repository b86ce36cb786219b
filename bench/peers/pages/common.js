// Shared helpers for the peer pages (classic script, no modules: the peers are loaded as their own UMD bundles).
// Everything a page needs arrives in `config` from run.mjs; nothing here touches the network except the bench's
// own server (images) and the intercepted MobileNet URL.
(function () {
  'use strict';

  /** Decode every image of the manifest into an <img> element (done before the clock starts). */
  async function decodeImages(images) {
    return Promise.all(
      images.map(async (item) => {
        const img = new Image();
        img.src = item.url;
        await img.decode();
        return { ...item, img };
      }),
    );
  }

  /**
   * Centre square crop, then resize to `size` x `size` on a canvas. The same result as Teachable Machine's
   * cropTo (which its website applies before addExample and its predict applies to every input).
   */
  function cropToSquareCanvas(img, size) {
    const w = img.naturalWidth || img.width;
    const h = img.naturalHeight || img.height;
    const side = Math.min(w, h);
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, (w - side) / 2, (h - side) / 2, side, side, 0, 0, size, size);
    return canvas;
  }

  function argMax(values) {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  const seconds = (fromMs, toMs) => (toMs - fromMs) / 1000;

  /** Fails loudly when the page did not get the backend it was asked for. */
  async function useBackend(tf, name) {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) throw new Error(`backend ${name} unavailable (got ${tf.getBackend()})`);
  }

  function webglRenderer() {
    try {
      const gl =
        document.createElement('canvas').getContext('webgl2') || document.createElement('canvas').getContext('webgl');
      if (!gl) return null;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    } catch {
      return null;
    }
  }

  window.peerBench = { decodeImages, cropToSquareCanvas, argMax, seconds, useBackend, webglRenderer };
})();
