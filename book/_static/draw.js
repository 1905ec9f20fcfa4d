/*
 * "Draw a digit": the book's logistic regressions, run in the reader's browser.
 *
 * The page embeds the fitted models' parameters as JSON, written at build time by
 * mnist_tutorial.export_model: the linear model of chapter 8 in
 * <script type="application/json" id="mnist-model"> (kind "linear") and the best pipeline
 * of chapter 11 in id="mnist-model-best" (kind "deskew_hog_pca_poly2": deskewing,
 * histograms of oriented gradients, PCA, degree-2 products). Radio buttons named
 * "mnist-draw-model" switch between them. Everything here is plain JavaScript: no server,
 * no network, no libraries.
 *
 * window.mnistDraw exposes the pieces so they can be tested:
 *   models                -> {linear: params, best: params or null}
 *   model, selected       -> the model in use and its name ("linear" or "best")
 *   select(name)          -> use that model and re-classify the current drawing
 *   classify(pixels784, model) -> ten probabilities (model defaults to the one in use):
 *       "linear":           softmax(coef . (x*mul + add) + intercept)
 *       "deskew_pca_poly2": s = deskew(x)*mul + add; z = components . (s - mean);
 *                           f = products of z over poly_terms; softmax(coef . f + intercept)
 *       "deskew_hog_pca_poly2": h = hog(deskew(x)); z = components . (h - mean); then as above
 *   deskew(pixels, side)  -> the image straightened as mnist_tutorial.deskew does
 *   hog(pixels, side, settings) -> HOG features as mnist_tutorial.hog_features does
 *   preprocess(canvasOrInk) -> 784 grey levels 0..255, the MNIST preprocessing
 *                             (same arithmetic as mnist_tutorial.center_and_scale)
 *   inkFromCanvas(canvas) -> {height, width, data}: ink in [0, 1] from the alpha channel
 */
(function () {
  "use strict";

  var BOX = 20;
  var SIZE = 28;

  function roundHalfUp(x) {
    return Math.floor(x + 0.5);
  }

  function loadModel(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function softmax(scores) {
    var top = Math.max.apply(null, scores);
    var exps = scores.map(function (z) { return Math.exp(z - top); });
    var total = exps.reduce(function (a, b) { return a + b; }, 0);
    return exps.map(function (e) { return e / total; });
  }

  // coef . features + intercept, one score per class.
  function scores(model, features) {
    var n = features.length;
    return model.intercept.map(function (b, k) {
      var row = model.coef[k];
      var z = 0;
      for (var j = 0; j < n; j++) z += row[j] * features[j];
      return z + b;
    });
  }

  function scale(model, pixels) {
    var n = model.n_features;
    var scaled = new Float64Array(n);
    for (var j = 0; j < n; j++) scaled[j] = pixels[j] * model.scale_mul[j] + model.scale_add[j];
    return scaled;
  }

  // Bilinear sample of a (h x w) image at (r, c), zero outside: mnist_tutorial.augment._bilinear
  // (the image is padded by one row/column of zeros; far-away points are clipped onto it).
  function bilinear(pixels, h, w, r, c) {
    function at(i, j) {  // padded image: (i, j) = (row + 1, col + 1)
      return i >= 1 && i <= h && j >= 1 && j <= w ? pixels[(i - 1) * w + (j - 1)] : 0;
    }
    var pr = Math.min(Math.max(r + 1, 0), h + 1);
    var pc = Math.min(Math.max(c + 1, 0), w + 1);
    var rLo = Math.min(Math.max(Math.floor(pr), 0), h);
    var cLo = Math.min(Math.max(Math.floor(pc), 0), w);
    var fr = pr - rLo, fc = pc - cLo;
    var top = at(rLo, cLo) * (1 - fc) + at(rLo, cLo + 1) * fc;
    var bottom = at(rLo + 1, cLo) * (1 - fc) + at(rLo + 1, cLo + 1) * fc;
    return top * (1 - fr) + bottom * fr;
  }

  // Straighten a (side x side) image by its second moments, as mnist_tutorial.deskew
  // (center=True): centre of mass (r0, c0), alpha = cov(row, col) / var(row) (0 when
  // var(row) <= 1e-12), output pixel (r, c) read from (r + r0 - m, c + c0 - m + alpha (r - m))
  // with m the middle of the image. A blank image stays blank.
  function deskew(pixels, side) {
    var h = side, w = side;
    if (pixels.length !== h * w) {
      throw new Error("pixels must have " + h * w + " values, got " + pixels.length);
    }
    var rowMass = new Float64Array(h), colMass = new Float64Array(w), total = 0;
    for (var r = 0; r < h; r++) {
      for (var c = 0; c < w; c++) {
        var v = pixels[r * w + c];
        rowMass[r] += v;
        colMass[c] += v;
        total += v;
      }
    }
    var safe = total > 0 ? total : 1;
    var r0 = 0, c0 = 0;
    for (r = 0; r < h; r++) r0 += r * rowMass[r];
    for (c = 0; c < w; c++) c0 += c * colMass[c];
    r0 /= safe;
    c0 /= safe;
    var varR = 0, cov = 0;
    for (r = 0; r < h; r++) {
      var dr = r - r0;
      varR += dr * dr * rowMass[r];
      var rowCov = 0;
      for (c = 0; c < w; c++) rowCov += pixels[r * w + c] * (c - c0);
      cov += dr * rowCov;
    }
    varR /= safe;
    cov /= safe;
    if (!(total > 0)) {  // blank image: centre it, no shear
      r0 = (h - 1) / 2;
      c0 = (w - 1) / 2;
    }
    var alpha = varR > 1e-12 ? cov / varR : 0;
    var mr = (h - 1) / 2, mc = (w - 1) / 2;
    var out = new Float64Array(h * w);
    for (r = 0; r < h; r++) {
      for (c = 0; c < w; c++) {
        out[r * w + c] = bilinear(pixels, h, w, r + (r0 - mr), c + (c0 - mc) + alpha * (r - mr));
      }
    }
    return out;
  }

  var RAD_TO_DEG = 180 / Math.PI;

  // A probability as a percentage with one decimal; never "100.0%" or "0.0%" for a
  // probability that is not exactly 1 or 0 (a model is never that sure).
  function percent(p) {
    var v = 100 * p;
    if (v >= 99.95 && p < 1) return "> 99.9%";
    if (v < 0.05 && p > 0) return "< 0.1%";
    return v.toFixed(1) + "%";
  }  // numpy's rad2deg multiplies by this constant

  // Histograms of oriented gradients of a (side x side) image, as mnist_tutorial.hog_features:
  // central differences within the image (0 on the border), unsigned angle in [0, 180)
  // degrees, bin i = [width i, width (i + 1)) (soft_bins: the length split between the two
  // bins whose centres width (i + 0.5) are nearest), per cell the mean gradient length per bin,
  // then every block of blockSize x blockSize cells normalised (its norm plus eps); one set
  // per cell size.
  // offset_cells: cell sizes that also get a grid shifted by half a cell (the HOG of the
  // image moved cell/2 pixels up and left, zeros coming in), appended after the others.
  function hogFeatures(pixels, side, hog) {
    var out = hogGrids(pixels, side, hog, hog.cell_sizes);
    (hog.offset_cells || []).forEach(function (cell) {
      var by = Math.floor(cell / 2), moved = new Float64Array(side * side);
      for (var r = 0; r < side - by; r++) {
        for (var c = 0; c < side - by; c++) moved[r * side + c] = pixels[(r + by) * side + c + by];
      }
      out.push.apply(out, hogGrids(moved, side, hog, [cell]));
    });
    return out;
  }

  function hogGrids(pixels, side, hog, cellSizes) {
    var nBins = hog.n_bins, block = hog.block_size, norm = hog.block_norm;
    var width = 180 / nBins, eps = hog.eps === undefined ? 1e-5 : hog.eps;
    var n = side * side;
    var soft = !!hog.soft_bins;
    var mag = new Float64Array(n), bin = new Int32Array(n);
    var mag2 = new Float64Array(n), bin2 = new Int32Array(n);  // soft bins' second vote
    for (var r = 0; r < side; r++) {
      for (var c = 0; c < side; c++) {
        var i = r * side + c;
        var gr = r > 0 && r < side - 1 ? pixels[i + side] - pixels[i - side] : 0;
        var gc = c > 0 && c < side - 1 ? pixels[i + 1] - pixels[i - 1] : 0;
        mag[i] = Math.sqrt(gr * gr + gc * gc);
        var angle = Math.atan2(gr, gc) * RAD_TO_DEG;
        if (angle < 0) angle += 180;
        if (soft) {  // as mnist_tutorial.hog._orientation_votes
          var pos = angle * (nBins / 180) - 0.5, lower = Math.floor(pos), share = pos - lower;
          lower = ((lower % nBins) + nBins) % nBins;
          bin[i] = lower;
          bin2[i] = lower + 1 === nBins ? 0 : lower + 1;
          mag2[i] = mag[i] * share;
          mag[i] = mag[i] * (1 - share);
          continue;
        }
        if (angle >= 180) angle = 0;
        var b = Math.trunc(angle * (1 / width));
        if (angle < width * b) b -= 1;
        if (angle >= width * (b + 1)) b += 1;
        bin[i] = Math.min(Math.max(b, 0), nBins - 1);
      }
    }
    var out = [];
    cellSizes.forEach(function (cell) {
      var nc = Math.floor(side / cell);
      var hist = new Float64Array(nc * nc * nBins);  // (cell row, cell col, bin)
      for (var r2 = 0; r2 < nc * cell; r2++) {
        for (var c2 = 0; c2 < nc * cell; c2++) {
          var k = r2 * side + c2;
          var slot = (Math.floor(r2 / cell) * nc + Math.floor(c2 / cell)) * nBins;
          hist[slot + bin[k]] += mag[k];
          if (soft) hist[slot + bin2[k]] += mag2[k];
        }
      }
      for (var h = 0; h < hist.length; h++) hist[h] /= cell * cell;
      var nb = nc - block + 1;
      for (var br = 0; br < nb; br++) {
        for (var bc = 0; bc < nb; bc++) {
          var values = [];  // (row in block, col in block, bin), as skimage ravels a block
          for (var dr = 0; dr < block; dr++) {
            for (var dc = 0; dc < block; dc++) {
              var base = ((br + dr) * nc + (bc + dc)) * nBins;
              for (var o = 0; o < nBins; o++) values.push(hist[base + o]);
            }
          }
          out.push.apply(out, normaliseBlock(values, norm, eps));
        }
      }
    });
    return out;
  }

  function normaliseBlock(values, norm, eps) {
    function sum(f) { return values.reduce(function (a, v) { return a + f(v); }, 0); }
    if (norm === "L1" || norm === "L1-sqrt") {
      var l1 = sum(Math.abs) + eps;
      return values.map(function (v) { return norm === "L1" ? v / l1 : Math.sqrt(v / l1); });
    }
    if (norm === "L2" || norm === "L2-Hys") {
      var l2 = Math.sqrt(sum(function (v) { return v * v; }) + eps * eps);
      var out = values.map(function (v) { return v / l2; });
      if (norm === "L2") return out;
      out = out.map(function (v) { return Math.min(v, 0.2); });
      var l2b = Math.sqrt(out.reduce(function (a, v) { return a + v * v; }, 0) + eps * eps);
      return out.map(function (v) { return v / l2b; });
    }
    throw new Error("unknown block_norm " + JSON.stringify(norm));
  }

  // PCA projection then degree-2 products: z = components . (x - mean), f = products over terms.
  function pcaPolyFeatures(inputs, model) {
    var n = inputs.length, mean = model.pca_mean;
    var centred = new Float64Array(n);
    for (var j = 0; j < n; j++) centred[j] = inputs[j] - mean[j];
    var z = model.pca_components.map(function (row) {
      var s = 0;
      for (var j2 = 0; j2 < n; j2++) s += row[j2] * centred[j2];
      return s;
    });
    return model.poly_terms.map(function (term) {
      var f = 1;
      for (var t = 0; t < term.length; t++) f *= z[term[t]];
      return f;
    });
  }

  // The chapter-10-style pipeline's features: deskew, scale, PCA projection, degree-2 products.
  function bestFeatures(pixels, model) {
    return pcaPolyFeatures(scale(model, deskew(pixels, model.image_shape[0])), model);
  }

  // Chapter 11's best model's features: deskew, HOG, PCA projection, degree-2 products.
  function hogModelFeatures(pixels, model) {
    var side = model.image_shape[0];
    return pcaPolyFeatures(hogFeatures(deskew(pixels, side), side, model.hog), model);
  }

  function classify(pixels, model) {
    model = model || api.model;
    if (!model) throw new Error("no model on this page");
    if (pixels.length !== model.n_features) {
      throw new Error("pixels must have " + model.n_features + " values, got " + pixels.length);
    }
    var kind = model.kind || "linear";  // exports made before "kind" existed are linear
    if (kind === "linear") return softmax(scores(model, scale(model, pixels)));
    if (kind === "deskew_pca_poly2") return softmax(scores(model, bestFeatures(pixels, model)));
    if (kind === "deskew_hog_pca_poly2") {
      return softmax(scores(model, hogModelFeatures(pixels, model)));
    }
    throw new Error("unknown model kind " + JSON.stringify(kind));
  }

  function inkFromCanvas(canvas) {
    var ctx = canvas.getContext("2d");
    var rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var data = new Array(canvas.width * canvas.height);
    for (var i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3] / 255;
    return { height: canvas.height, width: canvas.width, data: data };
  }

  // (nOut x nIn) weights averaging nIn cells into nOut cells by overlap length.
  function areaWeights(nIn, nOut) {
    var step = nIn / nOut;
    var weights = [];
    for (var i = 0; i < nOut; i++) {
      var lo = i * step, hi = (i + 1) * step;
      var row = new Float64Array(nIn);
      for (var k = Math.floor(lo); k < Math.min(nIn, Math.ceil(hi)); k++) {
        var overlap = Math.min(hi, k + 1) - Math.max(lo, k);
        if (overlap > 0) row[k] = overlap / step;
      }
      weights.push(row);
    }
    return weights;
  }

  function preprocess(source) {
    var ink = source && source.getContext ? inkFromCanvas(source) : source;
    var H = ink.height, W = ink.width, d = ink.data;
    var out = new Array(SIZE * SIZE).fill(0);
    var r0 = H, r1 = -1, c0 = W, c1 = -1;
    for (var y = 0; y < H; y++) {
      for (var x = 0; x < W; x++) {
        if (d[y * W + x] > 0) {
          if (y < r0) r0 = y;
          if (y > r1) r1 = y;
          if (x < c0) c0 = x;
          if (x > c1) c1 = x;
        }
      }
    }
    if (r1 < 0) return out;
    var h = r1 - r0 + 1, w = c1 - c0 + 1;
    var factor = BOX / Math.max(h, w);
    var nh = Math.max(1, roundHalfUp(h * factor));
    var nw = Math.max(1, roundHalfUp(w * factor));
    var R = areaWeights(h, nh), C = areaWeights(w, nw);
    // tmp = R @ crop  (nh x w), then small = tmp @ C.T  (nh x nw)
    var tmp = [];
    for (var i = 0; i < nh; i++) {
      var row = new Float64Array(w);
      for (var k = 0; k < h; k++) {
        var rk = R[i][k];
        if (rk === 0) continue;
        var base = (r0 + k) * W + c0;
        for (var x2 = 0; x2 < w; x2++) row[x2] += rk * d[base + x2];
      }
      tmp.push(row);
    }
    var small = [];
    var mass = 0, my = 0, mx = 0;
    var colSums = new Float64Array(nw);
    for (var i2 = 0; i2 < nh; i2++) {
      var srow = new Float64Array(nw);
      var rowSum = 0;
      for (var j = 0; j < nw; j++) {
        var s = 0, cj = C[j];
        for (var x3 = 0; x3 < w; x3++) s += tmp[i2][x3] * cj[x3];
        srow[j] = s;
        rowSum += s;
        colSums[j] += s;
      }
      small.push(srow);
      mass += rowSum;
      my += i2 * rowSum;
    }
    for (var j2 = 0; j2 < nw; j2++) mx += j2 * colSums[j2];
    var centre = (SIZE - 1) / 2;
    var top = Math.min(Math.max(roundHalfUp(centre - my / mass), 0), SIZE - nh);
    var left = Math.min(Math.max(roundHalfUp(centre - mx / mass), 0), SIZE - nw);
    for (var i3 = 0; i3 < nh; i3++) {
      for (var j3 = 0; j3 < nw; j3++) out[(top + i3) * SIZE + left + j3] = small[i3][j3] * 255;
    }
    return out;
  }

  var api = {
    model: null,
    models: { linear: null, best: null },
    selected: "linear",
    classify: classify,
    deskew: deskew,
    hog: hogFeatures,
    percent: percent,
    preprocess: preprocess,
    inkFromCanvas: inkFromCanvas,
    select: function (name) { selectModel(name); },
    ready: false,
  };
  window.mnistDraw = api;

  var NAMES = { linear: "linear model", best: "best model" };
  var onSelect = null;  // set by setUp: redraws the page for the chosen model

  function selectModel(name) {
    if (!api.models[name]) throw new Error("this page has no " + JSON.stringify(name) + " model");
    api.selected = name;
    api.model = api.models[name];
    if (onSelect) onSelect();
  }

  function setUp(root) {
    var pad = root.querySelector(".mnist-draw-pad canvas");
    var seen = root.querySelector(".mnist-draw-seen canvas");
    var caption = root.querySelector(".mnist-draw-seen .mnist-draw-caption");
    var bars = root.querySelector(".mnist-draw-bars");
    var guess = root.querySelector(".mnist-draw-guess");
    var clear = root.querySelector(".mnist-draw-clear");
    var choice = root.querySelector(".mnist-draw-models");
    var info = root.querySelector(".mnist-draw-model-info");
    var radios = root.querySelectorAll('input[name="mnist-draw-model"]');
    var ctx = pad.getContext("2d", { willReadFrequently: true });
    var drawing = false, last = null, pending = false;

    var barEls = api.model.classes.map(function (label) {
      var row = document.createElement("div");
      row.className = "mnist-draw-bar";
      row.innerHTML =
        '<span class="mnist-draw-label">' + label + "</span>" +
        '<span class="mnist-draw-track"><span class="mnist-draw-fill"></span></span>' +
        '<span class="mnist-draw-value">0%</span>';
      bars.appendChild(row);
      return row;
    });

    function point(e) {
      var rect = pad.getBoundingClientRect();
      return {
        x: ((e.clientX - rect.left) * pad.width) / rect.width,
        y: ((e.clientY - rect.top) * pad.height) / rect.height,
      };
    }

    function stroke(p) {
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.lineWidth = pad.width / 12;
      ctx.strokeStyle = "#000";
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x + (p.x === last.x && p.y === last.y ? 0.01 : 0), p.y);
      ctx.stroke();
      last = p;
    }

    function showModel() {
      var model = api.model;
      var accuracy = typeof model.test_accuracy === "number"
        ? ": right on " + (100 * model.test_accuracy).toFixed(2) + "% of the test digits"
        : "";
      if (info) info.textContent = "Showing the " + NAMES[api.selected] + accuracy + ".";
      for (var i = 0; i < radios.length; i++) radios[i].checked = radios[i].value === api.selected;
      root.setAttribute("data-model", api.selected);
      if (caption) {
        caption.textContent = (model.kind || "linear") !== "linear"
          ? "What the model sees, deskewed (28\u00d728)"
          : "What the model sees (28\u00d728)";
      }
    }

    function update() {
      pending = false;
      var pixels = preprocess(pad);
      api.lastPixels = pixels;
      var kind = api.model.kind || "linear";
      var shown = kind !== "linear" ? deskew(pixels, SIZE) : pixels;
      var sctx = seen.getContext("2d");
      var img = sctx.createImageData(SIZE, SIZE);
      for (var i = 0; i < shown.length; i++) {
        var v = 255 - Math.round(Math.min(Math.max(shown[i], 0), 255));
        img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
        img.data[4 * i + 3] = 255;
      }
      sctx.putImageData(img, 0, 0);
      var empty = pixels.every(function (v) { return v === 0; });
      var probs = empty ? api.model.classes.map(function () { return 0; }) : classify(pixels);
      api.lastProbabilities = empty ? null : probs;
      var best = 0;
      probs.forEach(function (p, k) {
        if (p > probs[best]) best = k;
        barEls[k].querySelector(".mnist-draw-fill").style.width = (100 * p).toFixed(1) + "%";
        barEls[k].querySelector(".mnist-draw-value").textContent = percent(p);
        barEls[k].classList.remove("mnist-draw-best");
      });
      if (empty) {
        guess.textContent = "Draw a digit in the box.";
      } else {
        barEls[best].classList.add("mnist-draw-best");
        guess.textContent =
          "The " + NAMES[api.selected] + " reads a " + api.model.classes[best] +
          " (" + percent(probs[best]) + ").";
      }
      api.lastGuess = empty ? null : api.model.classes[best];
    }

    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }

    pad.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      drawing = true;
      if (pad.setPointerCapture) {
        try { pad.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointer */ }
      }
      last = point(e);
      stroke(last);
      schedule();
    });
    pad.addEventListener("pointermove", function (e) {
      if (!drawing) return;
      e.preventDefault();
      stroke(point(e));
      schedule();
    });
    function stop() {
      if (drawing) {
        drawing = false;
        update();
      }
    }
    pad.addEventListener("pointerup", stop);
    pad.addEventListener("pointercancel", stop);
    clear.addEventListener("click", function () {
      ctx.clearRect(0, 0, pad.width, pad.height);
      update();
    });
    for (var i = 0; i < radios.length; i++) {
      radios[i].addEventListener("change", function (e) {
        if (e.target.checked) selectModel(e.target.value);
      });
    }
    if (choice && !api.models.best) choice.hidden = true;  // a page without the best model
    onSelect = function () {
      showModel();
      update();
    };
    api.update = update;
    api.clear = function () { clear.click(); };
    showModel();
    update();
  }

  function init() {
    api.models.linear = loadModel("mnist-model");
    api.models.best = loadModel("mnist-model-best");
    api.selected = api.models.linear ? "linear" : "best";
    api.model = api.models[api.selected];
    var root = document.getElementById("mnist-draw");
    if (root && api.model) setUp(root);
    api.ready = true;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
